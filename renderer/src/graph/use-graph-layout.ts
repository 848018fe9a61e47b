import { useEffect, useState } from 'react';
import type { ModelGraph } from '../../../core/api/model-graph.js';
import { layoutModelGraph, type GraphLayout } from '../../../core/present/graph-layout.js';

/** The layout of a graph, computed in a worker; on the UI thread where workers cannot start. */
export function useGraphLayout(graph: ModelGraph | undefined): { layout: GraphLayout | null; error: string | null } {
  const [state, setState] = useState<{ for: ModelGraph | undefined; layout: GraphLayout | null; error: string | null }>({ for: undefined, layout: null, error: null });
  useEffect(() => {
    if (!graph) return;
    let done = false;
    const finish = (layout: GraphLayout | null, error: string | null) => {
      if (done) return;
      done = true;
      setState({ for: graph, layout, error });
    };
    const inline = () => {
      try {
        finish(layoutModelGraph(graph), null);
      } catch (e) {
        finish(null, e instanceof Error ? e.message : String(e));
      }
    };
    let worker: Worker | null = null;
    try {
      worker = new Worker(new URL('./layout-worker.ts', import.meta.url));
      worker.onmessage = (e: MessageEvent<{ layout?: GraphLayout; error?: string }>) => finish(e.data.layout ?? null, e.data.error ?? null);
      worker.onerror = () => inline();
      worker.postMessage(graph);
    } catch {
      setTimeout(inline, 0);
    }
    return () => {
      done = true;
      worker?.terminate();
    };
  }, [graph]);
  return state.for === graph ? { layout: state.layout, error: state.error } : { layout: null, error: null };
}
