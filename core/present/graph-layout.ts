import { Graph, layout } from '@dagrejs/dagre';
import type { GraphNodeView, ModelGraph } from '../api/model-graph.js';

/** A box to draw: an operator, or a graph input or output. */
export interface PlacedNode {
  id: string;
  kind: 'op' | 'input' | 'output';
  label: string;
  /** Second line: the op's kernel size or a tensor's shape. */
  detail: string;
  x: number;
  y: number;
  width: number;
  height: number;
  node: GraphNodeView | null;
}

export interface PlacedEdge {
  from: string;
  to: string;
  tensor: string;
  points: Array<{ x: number; y: number }>;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

const CHAR_WIDTH = 7;
const NODE_HEIGHT = 34;

function shapeText(shape: ReadonlyArray<number | string | null> | null): string {
  return shape === null ? '?' : shape.map((d) => (d === null ? '?' : String(d))).join('×');
}

/** What a reader scans for under the op name: the kernel of a conv or pool, the weight of a MatMul. */
function opDetail(node: GraphNodeView): string {
  const kernel = node.attributes['kernel_shape'];
  if (Array.isArray(kernel)) return `${kernel.join('×')}${node.attributes['group'] !== undefined && node.attributes['group'] !== 1 ? ` g${String(node.attributes['group'])}` : ''}`;
  // The largest weight (a MatMul's matrix, not its bias); empty tensors (Resize's roi) say nothing.
  const weight = [...node.weights].filter((w) => w.shape.length > 0 && w.shape.every((d) => d > 0)).sort((a, b) => b.bytes - a.bytes)[0];
  return weight && weight.shape.reduce((a, b) => a * b, 1) > 1 ? `W ${weight.shape.join('×')}` : '';
}

/**
 * Layered (Sugiyama) layout by dagre, top to bottom as data flows, the way Netron draws a model.
 * Pure: the same graph gives the same positions, so it is tested without a browser, and a benchmark
 * (bench/graph-layout.ts) times it on Node; the app runs it in a worker.
 */
export function layoutModelGraph(graph: ModelGraph): GraphLayout {
  const g = new Graph<object, { width: number; height: number; x?: number; y?: number }, { points?: Array<{ x: number; y: number }> }>({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 18, ranksep: 26, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const placed = new Map<string, Omit<PlacedNode, 'x' | 'y'>>();
  const add = (p: Omit<PlacedNode, 'x' | 'y' | 'width' | 'height'>) => {
    const width = Math.max(60, Math.max(p.label.length, p.detail.length) * CHAR_WIDTH + 16);
    placed.set(p.id, { ...p, width, height: NODE_HEIGHT });
    g.setNode(p.id, { width, height: NODE_HEIGHT });
  };
  for (const t of graph.inputs) add({ id: `input:${t.name}`, kind: 'input', label: t.name, detail: shapeText(t.shape), node: null });
  for (const n of graph.nodes) add({ id: n.id, kind: 'op', label: n.opType, detail: opDetail(n), node: n });
  for (const t of graph.outputs) add({ id: `output:${t.name}`, kind: 'output', label: t.name, detail: shapeText(t.shape), node: null });
  graph.edges.forEach((e, i) => {
    if (placed.has(e.from) && placed.has(e.to)) g.setEdge(e.from, e.to, {}, `${i}`);
  });
  layout(g);
  const nodes: PlacedNode[] = [...placed.values()].map((p) => {
    const at = g.node(p.id);
    return { ...p, x: at.x ?? 0, y: at.y ?? 0 };
  });
  const edges: PlacedEdge[] = graph.edges.flatMap((e, i) => {
    const label = g.edge({ v: e.from, w: e.to, name: `${i}` });
    return label ? [{ from: e.from, to: e.to, tensor: e.tensor, points: label.points ?? [] }] : [];
  });
  const size = g.graph() as { width?: number; height?: number };
  return { nodes, edges, width: size.width ?? 0, height: size.height ?? 0 };
}

/** Nodes whose id, name, op type or tensor names contain the text (case-insensitive). */
export function searchGraph(nodes: readonly PlacedNode[], text: string): PlacedNode[] {
  const q = text.trim().toLowerCase();
  if (q === '') return [];
  return nodes.filter((p) => {
    if (p.id.toLowerCase().includes(q) || p.label.toLowerCase().includes(q)) return true;
    const n = p.node;
    return n !== null && (n.name.toLowerCase().includes(q) || [...n.inputs, ...n.outputs, ...n.weights].some((t) => t.name.toLowerCase().includes(q)));
  });
}
