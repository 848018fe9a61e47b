import { TensorProto_DataLocation as DataLocation, TensorProto_DataType as DataType } from './onnx-proto.js';
import type { GraphProto, NodeProto, TensorProto } from 'onnx-buf';
import type { ExternalDataRef, ParamBytes, ParameterLocation } from '../api/model-info.js';
import { dtypeName, packedBytes } from './dtypes.js';
import { subgraphsOf } from './graph-walk.js';

export interface ParameterSummary {
  parameterCount: number;
  parameterBytes: number;
  parametersByDtype: ParamBytes[];
  parameterLocations: ParameterLocation[];
  externalData: ExternalDataRef[];
}

/**
 * Counts the weights of a graph: every initializer's elements and bytes, by dtype, plus the
 * external data files they point to. Bytes are the tensor's own size (raw_data length, or elements
 * × element size for typed fields and external data without a length), not its protobuf framing.
 * Sparse initializers count their stored values; their bytes include the indices.
 * Constant nodes' tensors count too, at any subgraph depth: some exporters (Paddle2ONNX) keep every
 * weight there and no initializer at all. The small shape and scalar constants come along, as the
 * small int64 initializers of other exporters do; they are a rounding error beside the weights.
 */
export function summarizeParameters(graph: GraphProto): ParameterSummary {
  const byDtype = new Map<string, ParamBytes>();
  const externalData: ExternalDataRef[] = [];
  const locations = { initializers: emptyLocation('initializers'), constants: emptyLocation('constant-nodes') };
  const add = (tensor: TensorProto, count: number, bytes: number, where: ParameterLocation = locations.initializers) => {
    where.tensors += 1;
    where.count += count;
    where.bytes += bytes;
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
  for (const node of constantNodes(graph)) {
    for (const tensor of constantTensors(node)) {
      const ref = externalRef(tensor);
      if (ref) externalData.push(ref);
      const count = elementCount(tensor);
      add(tensor, count, ref ? (ref.length ?? packedBytes(tensor.dataType, count)) : storedBytes(tensor, count), locations.constants);
    }
  }

  const parametersByDtype = [...byDtype.values()].sort((a, b) => b.bytes - a.bytes || (a.dtype < b.dtype ? -1 : a.dtype > b.dtype ? 1 : 0));
  return {
    parameterCount: parametersByDtype.reduce((n, p) => n + p.count, 0),
    parameterBytes: parametersByDtype.reduce((n, p) => n + p.bytes, 0),
    parametersByDtype,
    parameterLocations: [locations.initializers, locations.constants].filter((l) => l.tensors > 0),
    externalData,
  };
}

function emptyLocation(location: ParameterLocation['location']): ParameterLocation {
  return { location, tensors: 0, count: 0, bytes: 0 };
}

/** Constant nodes of a graph and of its If/Loop/Scan bodies. */
function constantNodes(graph: GraphProto): NodeProto[] {
  const found: NodeProto[] = [];
  for (const node of graph.node) {
    if (node.opType === 'Constant' && (node.domain === '' || node.domain === 'ai.onnx')) found.push(node);
    for (const sub of subgraphsOf(node)) found.push(...constantNodes(sub));
  }
  return found;
}

/**
 * The tensor a Constant node holds: its `value` (or `sparse_value`'s values). The attribute-list
 * forms (value_float(s), value_int(s), value_string(s)) hold scalars and short shape lists, not
 * weights, and are not counted.
 */
function constantTensors(node: NodeProto): TensorProto[] {
  const tensors: TensorProto[] = [];
  for (const a of node.attribute) {
    if (a.name === 'value' && a.t) tensors.push(a.t);
    else if (a.name === 'sparse_value' && a.sparseTensor?.values) tensors.push(a.sparseTensor.values);
  }
  return tensors;
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
