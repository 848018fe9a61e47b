import type { ModelGraph } from '../../../core/api/model-graph.js';
import { layoutModelGraph } from '../../../core/present/graph-layout.js';

/**
 * Lays a graph out off the UI thread: dagre takes about a second on a 700-node detector, and the
 * page stays scrollable and clickable meanwhile.
 */
const scope = self as unknown as { onmessage: ((e: MessageEvent<ModelGraph>) => void) | null; postMessage: (message: unknown) => void };
scope.onmessage = (e) => {
  try {
    scope.postMessage({ layout: layoutModelGraph(e.data) });
  } catch (error) {
    scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
