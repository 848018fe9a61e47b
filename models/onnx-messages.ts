import { create } from '@bufbuild/protobuf';
import { AttributeProto_AttributeType as AttributeType, AttributeProtoSchema, TensorProtoSchema, ValueInfoProtoSchema } from 'onnx-buf';
import type { AttributeProto, GraphProto, TensorProto, ValueInfoProto } from 'onnx-buf';
import type { TensorDtype } from '../core/api/model-info.js';
import { dataTypeCode } from '../core/model/dtypes.js';
import { encodeRaw, isBuilderDtype, type BuilderDtype } from './tensor-encoding.js';

/**
 * The ONNX messages a model is built from, each made from plain values: a tensor's type and dims,
 * a node's attributes, a standalone tensor. ModelBuilder (onnx-builder.ts) assembles them into a
 * graph; a subgraph or a Constant's value built by hand uses them directly.
 */
/** A dimension: a fixed size, or the name of a symbolic dim (dim_param) such as 'batch'. */
export type DimSpec = number | string;

/**
 * Attribute values are tagged because a JavaScript number cannot say whether ONNX expects an INT
 * or a FLOAT (Conv's `group` is an int, LeakyRelu's `alpha` a float). Build them with `attr.*`.
 */
export type AttributeValue =
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'string'; value: string }
  | { type: 'ints'; value: readonly number[] }
  | { type: 'floats'; value: readonly number[] }
  | { type: 'strings'; value: readonly string[] }
  | { type: 'tensor'; value: TensorProto }
  | { type: 'graph'; value: GraphProto };

export const attr = {
  int: (value: number): AttributeValue => ({ type: 'int', value }),
  float: (value: number): AttributeValue => ({ type: 'float', value }),
  string: (value: string): AttributeValue => ({ type: 'string', value }),
  ints: (value: readonly number[]): AttributeValue => ({ type: 'ints', value }),
  floats: (value: readonly number[]): AttributeValue => ({ type: 'floats', value }),
  strings: (value: readonly string[]): AttributeValue => ({ type: 'strings', value }),
  tensor: (value: TensorProto): AttributeValue => ({ type: 'tensor', value }),
  /** A subgraph, e.g. an If branch; build its body with `create(GraphProtoSchema, …)`. */
  graph: (value: GraphProto): AttributeValue => ({ type: 'graph', value }),
};

/** A typed ValueInfoProto, e.g. for the outputs of a subgraph built by hand. */
export function valueInfoProto(name: string, dtype: TensorDtype, dims: readonly DimSpec[]): ValueInfoProto {
  return create(ValueInfoProtoSchema, {
    name,
    type: {
      value: {
        case: 'tensorType',
        value: {
          elemType: dataTypeCode(dtype),
          shape: {
            dim: dims.map((d) =>
              typeof d === 'number'
                ? { value: { case: 'dimValue' as const, value: BigInt(d) } }
                : { value: { case: 'dimParam' as const, value: d } },
            ),
          },
        },
      },
    },
  });
}

const utf8 = new TextEncoder();

export function attribute(name: string, a: AttributeValue): AttributeProto {
  switch (a.type) {
    case 'int': return create(AttributeProtoSchema, { name, type: AttributeType.INT, i: BigInt(a.value) });
    case 'float': return create(AttributeProtoSchema, { name, type: AttributeType.FLOAT, f: a.value });
    case 'string': return create(AttributeProtoSchema, { name, type: AttributeType.STRING, s: utf8.encode(a.value) });
    case 'ints': return create(AttributeProtoSchema, { name, type: AttributeType.INTS, ints: a.value.map(BigInt) });
    case 'floats': return create(AttributeProtoSchema, { name, type: AttributeType.FLOATS, floats: [...a.value] });
    case 'strings':
      return create(AttributeProtoSchema, { name, type: AttributeType.STRINGS, strings: a.value.map((s) => utf8.encode(s)) });
    case 'tensor': return create(AttributeProtoSchema, { name, type: AttributeType.TENSOR, t: a.value });
    case 'graph': return create(AttributeProtoSchema, { name, type: AttributeType.GRAPH, g: a.value });
  }
}

/** A standalone tensor message, e.g. for a Constant node's `value` attribute. */
export function tensorProto(name: string, dtype: BuilderDtype, dims: readonly number[], values: ArrayLike<number> | readonly bigint[]): TensorProto {
  if (!isBuilderDtype(dtype)) throw new RangeError(`Cannot encode dtype '${dtype}'`);
  return create(TensorProtoSchema, {
    name,
    dataType: dataTypeCode(dtype),
    dims: dims.map(BigInt),
    rawData: encodeRaw(dtype, values),
  });
}
