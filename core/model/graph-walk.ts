import type { GraphProto, NodeProto } from 'onnx-buf';

/** Graphs held in a node's attributes: If's branches, Loop's and Scan's bodies. */
export function subgraphsOf(node: NodeProto): GraphProto[] {
  const graphs: GraphProto[] = [];
  for (const a of node.attribute) {
    if (a.g) graphs.push(a.g);
    graphs.push(...a.graphs);
  }
  return graphs;
}

/**
 * Nodes nested inside control-flow subgraphs, at any depth. ModelInfo's nodeCount and histogram
 * cover the top-level graph, which is what runs once per inference; this is the rest.
 */
export function subgraphNodeCount(graph: GraphProto): number {
  let count = 0;
  for (const node of graph.node) {
    for (const sub of subgraphsOf(node)) count += sub.node.length + subgraphNodeCount(sub);
  }
  return count;
}

/** Op type qualified by domain when it is not ai.onnx, e.g. `com.microsoft.FusedConv`. */
export function qualifiedOpType(node: NodeProto): string {
  return node.domain === '' || node.domain === 'ai.onnx' ? node.opType : `${node.domain}.${node.opType}`;
}

/**
 * Op type → count, most frequent first, ties by name so the order is stable. Code-unit order, not
 * localeCompare: the first localeCompare loads ICU's collator, ~10 ms of `edgelab inspect`.
 */
export function opHistogram(nodes: readonly NodeProto[]): Array<{ opType: string; count: number }> {
  const counts = new Map<string, number>();
  for (const node of nodes) {
    const op = qualifiedOpType(node);
    counts.set(op, (counts.get(op) ?? 0) + 1);
  }
  return [...counts].map(([opType, count]) => ({ opType, count })).sort((a, b) => b.count - a.count || (a.opType < b.opType ? -1 : a.opType > b.opType ? 1 : 0));
}
