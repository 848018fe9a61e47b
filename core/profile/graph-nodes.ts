import { AttributeProto_AttributeType as AttributeType, fromBinary, ModelProtoSchema } from '../model/onnx-proto.js';
import type { ModelProto, TensorProto } from 'onnx-buf';
import { isLabError, LabError } from '../api/errors.js';
import { readRegularFile } from '../files/regular-file.js';
import { attributeValue, type GraphAttribute } from '../model/attributes.js';
import { packedBytes } from '../model/dtypes.js';
import { elementCount, summarizeParameters } from '../model/parameters.js';
import { inferShapes } from '../model/shape-inference.js';

export interface GraphNode {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Record<string, GraphAttribute>;
}

/**
 * The parts of a graph a profile needs: node attributes (pool kernels, Resize mode, Gemm transA)
 * and initializer shapes, which the trace omits once ONNX Runtime has pre-packed a weight.
 */
export interface GraphIndex {
  byName: Map<string, GraphNode>;
  byOutput: Map<string, GraphNode>;
  /** Weights' shapes: initializers and Constant nodes' tensors (where Paddle2ONNX keeps them). */
  initializerShapes: Map<string, number[]>;
  /** Bytes of each weight tensor, by name: what a node reads from the model however the kernel packs it. */
  weightBytes: Map<string, number>;
  /** All weights, counted as `inspect` counts them. */
  parameterBytes: number;
  /**
   * Every tensor's shape as the graph itself gives it for the profiled inputs (shape inference),
   * when the caller passed input shapes; FLOPs are counted from these, not from the runtime's
   * re-laid-out (NCHWc-padded) tensors.
   */
  tensorShapes?: Map<string, number[]>;
}

export function indexGraph(model: ModelProto, inputShapes?: ReadonlyMap<string, readonly number[]>): GraphIndex {
  const byName = new Map<string, GraphNode>();
  const byOutput = new Map<string, GraphNode>();
  const initializerShapes = new Map<string, number[]>();
  const weightBytes = new Map<string, number>();
  const graph = model.graph;
  if (!graph) return { byName, byOutput, initializerShapes, weightBytes, parameterBytes: 0 };
  for (const init of graph.initializer) {
    initializerShapes.set(init.name, init.dims.map(Number));
    weightBytes.set(init.name, tensorBytes(init));
  }
  for (const n of graph.node) {
    const value = n.opType === 'Constant' ? n.attribute.find((a) => a.name === 'value')?.t : undefined;
    if (value && n.output[0]) {
      initializerShapes.set(n.output[0], value.dims.map(Number));
      weightBytes.set(n.output[0], tensorBytes(value));
    }
  }
  for (const n of graph.node) {
    // Exporters such as paddle2onnx hold weights in Constant nodes rather than initializers.
    const constant = n.opType === 'Constant' ? n.attribute.find((a) => a.name === 'value' && a.type === AttributeType.TENSOR)?.t : undefined;
    if (constant && n.output[0] !== undefined) initializerShapes.set(n.output[0], constant.dims.map(Number));
    const attributes: Record<string, GraphAttribute> = {};
    for (const a of n.attribute) {
      const v = attributeValue(a);
      if (v !== undefined) attributes[a.name] = v;
    }
    const node: GraphNode = { name: n.name, opType: n.opType, domain: n.domain, inputs: [...n.input], outputs: [...n.output], attributes };
    if (n.name) byName.set(n.name, node);
    for (const out of n.output) byOutput.set(out, node);
  }
  const { parameterBytes } = summarizeParameters(graph);
  const index: GraphIndex = { byName, byOutput, initializerShapes, weightBytes, parameterBytes };
  if (inputShapes) index.tensorShapes = inferShapes(graph, inputShapes).shapes;
  return index;
}

function tensorBytes(t: TensorProto): number {
  const count = elementCount(t);
  return t.rawData.length > 0 ? t.rawData.length : packedBytes(t.dataType, count);
}

/**
 * Reads an .onnx file's graph (external weight data is not needed, only dims); with the shapes of
 * the inputs that were fed, every tensor's shape is inferred from the graph too.
 */
export async function loadGraphIndex(modelPath: string, inputShapes?: ReadonlyMap<string, readonly number[]>): Promise<GraphIndex> {
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(modelPath, { what: 'Model' });
  } catch (e) {
    if (isLabError(e)) throw e;
    throw new LabError('input', `${modelPath}: cannot read the model file (${(e as NodeJS.ErrnoException).code ?? String(e)}).`, 'Check the path.', { cause: e });
  }
  try {
    return indexGraph(fromBinary(ModelProtoSchema, bytes), inputShapes);
  } catch (e) {
    throw new LabError('input', `${modelPath}: not a readable ONNX model (${e instanceof Error ? e.message : String(e)}).`, 'Check the file is a complete .onnx export.', { cause: e });
  }
}

// Suffixes ONNX Runtime's optimisers append to the node they create from an original one.
const derivedSuffixes = [/\/[A-Za-z]*Fusion$/, /_nchwc$/, /_token_\d+$/, /_fused$/i];

const activationOps = new Set(['Relu', 'Clip', 'LeakyRelu', 'Sigmoid', 'HardSigmoid', 'Tanh', 'HardSwish', 'Add', 'Sum', 'BatchNormalization']);

/**
 * Maps a trace node name back to the graph node it came from: by name, then with the optimiser's
 * suffix removed, then as the name of the tensor the node writes (the NCHWc pass names a fused
 * Conv+Relu after the Relu's output). When that lands on the fused-in activation, the producer of
 * its input is the node whose op the trace reports.
 */
export function matchGraphNode(traceName: string, baseOpType: string, graph: GraphIndex): GraphNode | null {
  const candidates = [traceName];
  let stripped = traceName;
  for (const suffix of derivedSuffixes) stripped = stripped.replace(suffix, '');
  if (stripped !== traceName) candidates.push(stripped);
  for (const name of candidates) {
    const hit = graph.byName.get(name) ?? graph.byOutput.get(name);
    if (!hit) continue;
    let node: GraphNode | undefined = hit;
    for (let step = 0; node && node.opType !== baseOpType && activationOps.has(node.opType) && step < 3; step++) {
      const producer: GraphNode | undefined = node.inputs[0] === undefined ? undefined : graph.byOutput.get(node.inputs[0]);
      if (!producer) break;
      node = producer;
    }
    return node && node.opType === baseOpType ? node : hit;
  }
  return null;
}
