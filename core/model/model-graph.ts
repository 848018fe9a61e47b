import { basename } from 'node:path';
import type { GraphProto, NodeProto, TensorProto } from 'onnx-buf';
import type { GraphAttributeValue, GraphEdge, GraphNodeView, GraphTensor, GraphWeight, ModelGraph } from '../api/model-graph.js';
import { attributeValue } from './attributes.js';
import type { LoadedModel } from './load-model.js';
import { dtypeName, packedBytes } from './dtypes.js';
import { elementCount } from './parameters.js';
import { inferShapes } from './shape-inference.js';
import { toValueInfo } from './value-info.js';

/**
 * The top-level graph as nodes and edges for drawing. Initializers and Constant nodes with no
 * inputs are weights of the node that reads them, not nodes of their own: exporters such as
 * Paddle2ONNX emit one Constant per weight, which would double a detector's node count with boxes
 * nobody reads. Shapes come from the model's declared inputs, outputs and value_info, completed
 * by shape inference for the run's input shapes (or the model's own, when fixed); a profiled run
 * adds the shapes it saw where inference knows none (core/profile/graph-overlay.ts).
 */
export function buildModelGraph(loaded: LoadedModel, runInputShapes?: ReadonlyMap<string, readonly number[]>): Omit<ModelGraph, 'profile'> {
  const { graph } = loaded;
  const declared = declaredTensors(graph);
  const inferred = concreteShapes(graph, runInputShapes);
  const weights = new Map<string, GraphWeight>();
  for (const t of graph.initializer) weights.set(t.name, weightOf(t.name, t));
  const folded = new Set<NodeProto>();
  for (const node of graph.node) {
    const value = node.opType === 'Constant' && node.input.length === 0 && node.output.length === 1 ? constantTensor(node) : undefined;
    if (value && node.output[0] !== undefined) {
      weights.set(node.output[0], weightOf(node.output[0], value));
      folded.add(node);
    }
  }

  const initializerNames = new Set(graph.initializer.map((t) => t.name));
  // A shape inference knows (for the run's input shapes, or the model's own when they are fixed)
  // replaces a declared one with unknown or symbolic dims: a run that fixed `batch` has no `batch`.
  const concrete = (t: GraphTensor): GraphTensor => {
    const known = inferred.get(t.name);
    return known && (t.shape === null || t.shape.some((d) => typeof d !== 'number')) ? { ...t, shape: [...known] } : t;
  };
  const inputs = graph.input.filter((v) => !initializerNames.has(v.name)).map(toValueInfo).map(toTensor).map(concrete);
  const outputs = graph.output.map(toValueInfo).map(toTensor).map(concrete);
  const tensor = (name: string): GraphTensor => concrete(declared.get(name) ?? { name, dtype: weights.get(name)?.dtype ?? null, shape: weights.get(name)?.shape ?? null });

  const nodes: GraphNodeView[] = [];
  const producer = new Map<string, string>();
  for (const input of inputs) producer.set(input.name, `input:${input.name}`);
  const usedIds = new Set<string>();
  graph.node.forEach((node, index) => {
    if (folded.has(node)) return;
    const id = node.name !== '' && !usedIds.has(node.name) ? node.name : `#${index}`;
    usedIds.add(id);
    const dataInputs = node.input.filter((name) => name !== '' && !weights.has(name));
    nodes.push({
      id,
      name: node.name,
      opType: node.opType,
      domain: node.domain,
      inputs: dataInputs.map(tensor),
      outputs: node.output.filter((name) => name !== '').map(tensor),
      attributes: attributesOf(node),
      weights: node.input.flatMap((name) => {
        const w = weights.get(name);
        return w ? [w] : [];
      }),
      profile: null,
    });
    for (const out of node.output) if (out !== '') producer.set(out, id);
  });

  const edges: GraphEdge[] = [];
  for (const node of nodes) {
    for (const t of node.inputs) {
      const from = producer.get(t.name);
      if (from !== undefined) edges.push({ from, to: node.id, tensor: t.name });
    }
  }
  for (const out of outputs) {
    const from = producer.get(out.name);
    if (from !== undefined) edges.push({ from, to: `output:${out.name}`, tensor: out.name });
  }
  return { modelPath: loaded.path, fileName: basename(loaded.path), inputs, outputs, nodes, edges, foldedConstants: folded.size };
}

/**
 * Every tensor's shape that shape inference finds for the given input shapes, or for the model's
 * declared ones when all of their dims are numbers; empty when neither is known.
 */
function concreteShapes(graph: GraphProto, runInputShapes: ReadonlyMap<string, readonly number[]> | undefined): Map<string, number[]> {
  let shapes = runInputShapes;
  if (shapes === undefined) {
    const initializerNames = new Set(graph.initializer.map((t) => t.name));
    const declared = graph.input.filter((v) => !initializerNames.has(v.name)).map(toValueInfo);
    if (declared.some((v) => v.shape === null || v.shape.some((d) => typeof d !== 'number'))) return new Map();
    shapes = new Map(declared.map((v) => [v.name, (v.shape ?? []) as number[]]));
  }
  const found = inferShapes(graph, shapes).shapes;
  for (const [name, shape] of shapes) found.set(name, [...shape]);
  return found;
}

function toTensor(v: ReturnType<typeof toValueInfo>): GraphTensor {
  return { name: v.name, dtype: v.dtype === 'unknown' ? null : v.dtype, shape: v.shape };
}

function declaredTensors(graph: GraphProto): Map<string, GraphTensor> {
  const map = new Map<string, GraphTensor>();
  for (const v of [...graph.valueInfo, ...graph.input, ...graph.output]) map.set(v.name, toTensor(toValueInfo(v)));
  return map;
}

function weightOf(name: string, t: TensorProto): GraphWeight {
  const count = elementCount(t);
  return { name, dtype: dtypeName(t.dataType), shape: t.dims.map(Number), bytes: t.rawData.length > 0 ? t.rawData.length : packedBytes(t.dataType, count) };
}

function constantTensor(node: NodeProto): TensorProto | undefined {
  return node.attribute.find((a) => a.name === 'value')?.t;
}

/**
 * Plain attributes as core/profile reads them, plus a one-line note for the kinds it leaves out
 * (a tensor value, a subgraph), so every attribute the node has is listed.
 */
function attributesOf(node: NodeProto): Record<string, GraphAttributeValue> {
  const out: Record<string, GraphAttributeValue> = {};
  for (const a of node.attribute) {
    const value = attributeValue(a);
    if (value !== undefined) out[a.name] = value;
    else if (a.t) out[a.name] = `tensor ${dtypeName(a.t.dataType)}[${a.t.dims.map(Number).join('x')}]`;
    else if (a.g) out[a.name] = `subgraph of ${a.g.node.length} nodes`;
    else if (a.graphs.length > 0) out[a.name] = `${a.graphs.length} subgraphs`;
  }
  return out;
}
