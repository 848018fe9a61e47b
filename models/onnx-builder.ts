import { create, toBinary } from '@bufbuild/protobuf';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { ModelProtoSchema, NodeProtoSchema, TensorProto_DataLocation as DataLocation, TensorProtoSchema } from 'onnx-buf';
import type { ModelProto, NodeProto, TensorProto, ValueInfoProto } from 'onnx-buf';
import type { TensorDtype } from '../core/api/model-info.js';
import { dataTypeCode } from '../core/model/dtypes.js';
import { attribute, valueInfoProto, type AttributeValue, type DimSpec } from './onnx-messages.js';
import { mulberry32 } from './prng.js';
import { encodeRaw, isBuilderDtype } from './tensor-encoding.js';
import type { BuilderDtype } from './tensor-encoding.js';

// The model definitions build with one import: the builder and the messages it is fed.
export type { BuilderDtype } from './tensor-encoding.js';
export { attr, tensorProto, valueInfoProto, type AttributeValue, type DimSpec } from './onnx-messages.js';

export interface ModelBuilderOptions {
  /** The graph's name; also the default producer's doc string. */
  graphName: string;
  /** Seed of the weight generator; same seed and same calls, same bytes. Default 1. */
  seed?: number;
  /** ai.onnx opset. Default 17, which every ONNX Runtime since 1.13 runs. */
  opset?: number;
  /** Extra operator sets by domain, e.g. { 'com.microsoft': 1 }. */
  extraOpsets?: Record<string, number>;
  /** Default 8 (ONNX 1.10), the IR that opset 17 models are usually saved with. */
  irVersion?: number;
  producerName?: string;
  producerVersion?: string;
  docString?: string;
}

export interface NodeOptions {
  /** Node name; stable names make profiles readable. Default `<OpType>_<n>`. */
  name?: string;
  attributes?: Record<string, AttributeValue>;
  /** Operator domain; '' (ai.onnx) by default. */
  domain?: string;
}

export interface InitializerOptions {
  /**
   * Store the tensor in this external data file (relative to the .onnx, as ONNX requires) instead
   * of inside the model. Collect the files with `externalFiles()` or write all with `writeModel`.
   */
  externalLocation?: string;
}

export interface RandomInitializerOptions extends InitializerOptions {
  /** Values are uniform in [-scale, scale]; default sqrt(3 / fanIn), He-like for dims[1..]. */
  scale?: number;
  /** Added to every value, e.g. 1 for BatchNormalization's variance. */
  offset?: number;
  dtype?: 'float32' | 'float16' | 'float64';
}

/**
 * Builds an ONNX model from plain calls: inputs, outputs, initializers, nodes, then `toBytes()`.
 * Nodes must be added in topological order (ONNX requires it and this builder does not sort).
 *
 * ```ts
 * const b = new ModelBuilder({ graphName: 'gemm-only' });
 * const x = b.input('x', 'float32', ['batch', 64]);
 * const w = b.randomInitializer('fc.weight', [10, 64]);
 * b.node('Gemm', [x, w], 'y', { name: 'fc', attributes: { transB: attr.int(1) } });
 * b.output('y', 'float32', ['batch', 10]);
 * await writeFile('gemm.onnx', b.toBytes());
 * ```
 */
export class ModelBuilder {
  private readonly options: Required<Omit<ModelBuilderOptions, 'extraOpsets' | 'docString'>> &
    Pick<ModelBuilderOptions, 'extraOpsets' | 'docString'>;
  private readonly random: () => number;
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly nodes: NodeProto[] = [];
  private readonly external = new Map<string, Uint8Array[]>();
  private readonly externalSize = new Map<string, number>();
  private readonly opCounters = new Map<string, number>();

  constructor(options: ModelBuilderOptions) {
    this.options = {
      ...options,
      seed: options.seed ?? 1,
      opset: options.opset ?? 17,
      irVersion: options.irVersion ?? 8,
      producerName: options.producerName ?? 'edgelab-models',
      producerVersion: options.producerVersion ?? '1',
    };
    this.random = mulberry32(this.options.seed);
  }

  /** Declares a graph input; returns its name for use in nodes. */
  input(name: string, dtype: TensorDtype, dims: readonly DimSpec[]): string {
    this.inputs.push(valueInfoProto(name, dtype, dims));
    return name;
  }

  /** Declares a graph output (a value some node produces). */
  output(name: string, dtype: TensorDtype, dims: readonly DimSpec[]): string {
    this.outputs.push(valueInfoProto(name, dtype, dims));
    return name;
  }

  /** Adds a weight with the given values (row-major), stored as little-endian raw_data. */
  initializer(
    name: string,
    dtype: BuilderDtype,
    dims: readonly number[],
    values: ArrayLike<number> | readonly bigint[],
    options: InitializerOptions = {},
  ): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (values.length !== count) {
      throw new RangeError(`Initializer '${name}': ${values.length} values for dims [${dims.join(', ')}] (${count} elements)`);
    }
    const raw = encodeRaw(dtype, values);
    const init: MessageInitShape<typeof TensorProtoSchema> = {
      name,
      dataType: dataTypeCode(dtype),
      dims: dims.map(BigInt),
    };
    if (options.externalLocation === undefined) {
      init.rawData = raw;
    } else {
      const offset = this.appendExternal(options.externalLocation, raw);
      init.dataLocation = DataLocation.EXTERNAL;
      init.externalData = [
        { key: 'location', value: options.externalLocation },
        { key: 'offset', value: String(offset) },
        { key: 'length', value: String(raw.length) },
      ];
    }
    this.initializers.push(create(TensorProtoSchema, init));
    return name;
  }

  /** Adds a weight drawn from the builder's seeded generator. */
  randomInitializer(name: string, dims: readonly number[], options: RandomInitializerOptions = {}): string {
    const count = dims.reduce((a, b) => a * b, 1);
    const fanIn = dims.length > 1 ? dims.slice(1).reduce((a, b) => a * b, 1) : Math.max(1, dims[0] ?? 1);
    const scale = options.scale ?? Math.sqrt(3 / fanIn);
    const offset = options.offset ?? 0;
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = offset + (this.random() * 2 - 1) * scale;
    return this.initializer(name, options.dtype ?? 'float32', dims, values, options);
  }

  /** A scalar or 1-D constant, e.g. Clip bounds or a Reshape target shape (int64). */
  constant(name: string, dtype: BuilderDtype, values: number | readonly number[]): string {
    return typeof values === 'number'
      ? this.initializer(name, dtype, [], [values])
      : this.initializer(name, dtype, [values.length], values);
  }

  /**
   * Adds a node. `outputs` is one name or several; returns the first output's name so that
   * single-output chains read top to bottom. Use '' for an omitted optional input.
   */
  node(opType: string, inputs: readonly string[], outputs: string | readonly string[], options: NodeOptions = {}): string {
    const outputNames = typeof outputs === 'string' ? [outputs] : [...outputs];
    const first = outputNames[0];
    if (first === undefined) throw new RangeError(`Node ${opType} needs at least one output`);
    const index = (this.opCounters.get(opType) ?? 0) + 1;
    this.opCounters.set(opType, index);
    const init: MessageInitShape<typeof NodeProtoSchema> = {
      opType,
      name: options.name ?? `${opType}_${index}`,
      input: [...inputs],
      output: outputNames,
      attribute: Object.entries(options.attributes ?? {}).map(([key, value]) => attribute(key, value)),
    };
    if (options.domain) init.domain = options.domain;
    this.nodes.push(create(NodeProtoSchema, init));
    return first;
  }

  /** The model as a protobuf-es message, for callers that want to edit it further. */
  toModel(): ModelProto {
    const opsetImport = [{ domain: '', version: BigInt(this.options.opset) }];
    for (const [domain, version] of Object.entries(this.options.extraOpsets ?? {})) {
      opsetImport.push({ domain, version: BigInt(version) });
    }
    return create(ModelProtoSchema, {
      irVersion: BigInt(this.options.irVersion),
      opsetImport,
      producerName: this.options.producerName,
      producerVersion: this.options.producerVersion,
      docString: this.options.docString ?? '',
      graph: {
        name: this.options.graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
  }

  /** The serialized .onnx file. */
  toBytes(): Uint8Array {
    return toBinary(ModelProtoSchema, this.toModel());
  }

  /** External data files by location (relative to the .onnx), for initializers stored outside it. */
  externalFiles(): Map<string, Uint8Array> {
    const files = new Map<string, Uint8Array>();
    for (const [location, chunks] of this.external) files.set(location, Buffer.concat(chunks));
    return files;
  }

  private appendExternal(location: string, raw: Uint8Array): number {
    const offset = this.externalSize.get(location) ?? 0;
    const chunks = this.external.get(location) ?? [];
    chunks.push(raw);
    this.external.set(location, chunks);
    this.externalSize.set(location, offset + raw.length);
    return offset;
  }
}
