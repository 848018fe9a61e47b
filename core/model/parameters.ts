import { TensorProto_DataLocation as DataLocation, TensorProto_DataType as DataType } from 'onnx-buf';
import type { GraphProto, TensorProto } from 'onnx-buf';
import type { ExternalDataRef, ParamBytes } from '../api/model-info.js';
import { dtypeName, packedBytes } from './dtypes.js';

export interface ParameterSummary {
  parameterCount: number;
  parameterBytes: number;
  parametersByDtype: ParamBytes[];
  externalData: ExternalDataRef[];
}

/**
 * Counts the weights of a graph: every initializer's elements and bytes, by dtype, plus the
 * external data files they point to. Bytes are the tensor's own size (raw_data length, or elements
 * × element size for typed fields and external data without a length), not its protobuf framing.
 * Sparse initializers count their stored values; their bytes include the indices.
 */
export function summarizeParameters(graph: GraphProto): ParameterSummary {
  const byDtype = new Map<string, ParamBytes>();
  const externalData: ExternalDataRef[] = [];
  const add = (tensor: TensorProto, count: number, bytes: number) => {
    const dtype = dtypeName(tensor.dataType);
    const entry = byDtype.get(dtype) ?? { dtype, count: 0, bytes: 0 };
    entry.count += count;
    entry.bytes += bytes;
    byDtype.set(dtype, entry);
  };

  for (const tensor of graph.initializer) {
    const ref = externalRef(tensor);
    if (ref) externalData.push(ref);
    const count = elementCount(tensor);
    add(tensor, count, ref ? (ref.length ?? packedBytes(tensor.dataType, count)) : storedBytes(tensor, count));
  }
  for (const sparse of graph.sparseInitializer) {
    if (!sparse.values) continue;
    const count = elementCount(sparse.values);
    const indexBytes = sparse.indices ? storedBytes(sparse.indices, elementCount(sparse.indices)) : 0;
    add(sparse.values, count, storedBytes(sparse.values, count) + indexBytes);
  }

  const parametersByDtype = [...byDtype.values()].sort((a, b) => b.bytes - a.bytes || a.dtype.localeCompare(b.dtype));
  return {
    parameterCount: parametersByDtype.reduce((n, p) => n + p.count, 0),
    parameterBytes: parametersByDtype.reduce((n, p) => n + p.bytes, 0),
    parametersByDtype,
    externalData,
  };
}

export function elementCount(tensor: TensorProto): number {
  return tensor.dims.reduce((n, d) => n * Number(d), 1);
}

function storedBytes(tensor: TensorProto, count: number): number {
  if (tensor.rawData.length > 0) return tensor.rawData.length;
  if (tensor.dataType === DataType.STRING) return tensor.stringData.reduce((n, s) => n + s.length, 0);
  return packedBytes(tensor.dataType, count);
}

function externalRef(tensor: TensorProto): ExternalDataRef | null {
  if (tensor.dataLocation !== DataLocation.EXTERNAL) return null;
  const entries = new Map(tensor.externalData.map((e) => [e.key, e.value]));
  const length = entries.get('length');
  return {
    tensor: tensor.name,
    location: entries.get('location') ?? '',
    offset: Number(entries.get('offset') ?? 0),
    length: length === undefined ? null : Number(length),
  };
}
