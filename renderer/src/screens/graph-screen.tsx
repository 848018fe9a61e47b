import { useCallback, useEffect, useMemo, useState } from 'react';
import type { GraphNodeView, ModelGraph } from '../../../core/api/model-graph.js';
import type { ModelInfo } from '../../../core/api/model-info.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RunLink } from '../components/run-link.js';
import { formatGflop, formatGflopsPerS, formatMs, formatPercent, formatShape, NOT_MEASURED } from '../../../core/present/format-values.js';
import { GraphCanvas, heatFill } from '../graph/graph-canvas.js';
import { searchGraph } from '../../../core/present/graph-layout.js';
import { NodeDetails } from '../graph/node-details.js';
import { useGraphLayout } from '../graph/use-graph-layout.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

interface Props {
  model: ModelInfo | null;
  /** A profiled run whose time is drawn on the graph (`#/graph/<run id>`). */
  runId: string | null;
  onPickModel: () => void;
}

/**
 * The ONNX graph, laid out by dagre, searchable, each node's attributes, shapes and weights a
 * click away; with a profiled run, each node coloured by its share of the run's time and its
 * FLOPs, achieved GFLOP/s and roofline bound beside it.
 */
export function GraphScreen({ model, runId, onPickModel }: Props) {
  const lab = useLab();
  const load = useCall(useCallback((request: { path?: string; runId?: string }) => lab.modelGraph(request), [lab]));
  const { run: loadGraph } = load;
  const [selected, setSelected] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [focusKey, setFocusKey] = useState(0);

  useEffect(() => {
    setSelected(null);
    if (runId !== null) void loadGraph({ runId });
    else if (model) void loadGraph({ path: model.path });
  }, [runId, model, loadGraph]);

  const graph: ModelGraph | undefined = load.busy ? undefined : load.result;
  const { layout, error: layoutError } = useGraphLayout(graph);
  const matches = useMemo(() => (layout ? searchGraph(layout.nodes, search) : []), [layout, search]);
  const matchIds = useMemo(() => new Set(matches.map((m) => m.id)), [matches]);
  const maxShare = useMemo(() => Math.max(0, ...(graph?.nodes ?? []).map((n) => n.profile?.share ?? 0)), [graph]);
  const focus = (id: string) => {
    setSelected(id);
    setFocusKey((k) => k + 1);
  };
  const selectedNode = layout?.nodes.find((n) => n.id === selected) ?? null;

  if (runId === null && !model) {
    return (
      <section aria-labelledby="graph-heading">
        <h1 id="graph-heading">Graph</h1>
        <p>Open a model first, or open a profiled run's graph from its Results.</p>
        <button type="button" onClick={onPickModel}>Go to Models</button>
      </section>
    );
  }
  return (
    <section aria-labelledby="graph-heading">
      <h1 id="graph-heading">Graph <span className="muted">{graph?.fileName ?? model?.fileName ?? ''}</span></h1>
      <ErrorNotice error={load.error} />
      {load.busy ? <p aria-live="polite">Reading the graph…</p> : null}
      {graph ? <GraphFacts graph={graph} /> : null}
      {graph && !layout && !layoutError ? <p aria-live="polite">Laying out {graph.nodes.length} nodes…</p> : null}
      {layoutError ? <p className="error" role="alert">The graph could not be laid out: {layoutError}</p> : null}
      {graph && layout ? (
        <>
          <form className="row" role="search" aria-label="Search the graph" onSubmit={(e) => { e.preventDefault(); if (matches[0]) focus(matches[0].id); }}>
            <label htmlFor="graph-search">Find node</label>
            <input id="graph-search" type="search" className="wide" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="op type, node or tensor name" />
            <span className="muted" aria-live="polite">{search.trim() === '' ? '' : `${matches.length} match${matches.length === 1 ? '' : 'es'}`}</span>
          </form>
          {matches.length > 0 ? (
            <ul className="graph-matches" aria-label="Matching nodes">
              {matches.slice(0, 30).map((m) => (
                <li key={m.id}><button type="button" onClick={() => focus(m.id)}>{m.label} <span className="mono muted">{m.node?.name || m.id}</span></button></li>
              ))}
              {matches.length > 30 ? <li className="muted">and {matches.length - 30} more: type more of the name</li> : null}
            </ul>
          ) : null}
          <div className="graph-layout">
            <GraphCanvas layout={layout} selected={selected} matches={matchIds} maxShare={maxShare} onSelect={setSelected} focusKey={focusKey} />
            <aside className="graph-side" aria-label="Node details">
              {selectedNode?.node ? <NodeDetails node={selectedNode.node} timeKind={graph.profile?.timeKind ?? null} /> : selectedNode ? <TensorDetails graph={graph} id={selectedNode.id} /> : <p className="muted">Click a node to see its attributes, shapes and weights.</p>}
            </aside>
          </div>
          {graph.profile ? <SlowestNodes nodes={graph.nodes} maxShare={maxShare} onSelect={focus} /> : null}
        </>
      ) : null}
    </section>
  );
}

function GraphFacts({ graph }: { graph: ModelGraph }) {
  const p = graph.profile;
  return (
    <>
      <p className="muted">
        {graph.nodes.length} operators, {graph.edges.length} edges
        {graph.foldedConstants > 0 ? `; ${graph.foldedConstants} Constant nodes are shown as the weights of the node that reads them` : ''}.
      </p>
      {p ? (
        <div className="graph-legend">
          <p>
            Coloured by share of {p.timeKind === 'device' ? 'device' : 'host (CPU)'} kernel time per inference in run <RunLink runId={p.runId} />{' '}
            ({formatMs(p.kernelMsPerRun)} ms over {p.providers.join(', ')}). {formatPercent(p.placedShare)} of that time maps to nodes of this graph; the rest ran in nodes
            ONNX Runtime's optimiser added (layout reorders, fused copies).
          </p>
          <span className="heat-scale" aria-hidden="true"><span style={{ background: heatFill(0, 1) }} /><span style={{ background: heatFill(0.25, 1) }} /><span style={{ background: heatFill(0.5, 1) }} /><span style={{ background: heatFill(1, 1) }} /></span>
          <span className="muted"> 0 → the slowest node</span>
        </div>
      ) : (
        <p className="muted">No run selected: open a profiled run's graph from its Results to colour nodes by where the time goes.</p>
      )}
    </>
  );
}

function TensorDetails({ graph, id }: { graph: ModelGraph; id: string }) {
  const [kind, name] = id.startsWith('input:') ? ['Input', id.slice(6)] : ['Output', id.slice(7)];
  const t = [...graph.inputs, ...graph.outputs].find((x) => x.name === name);
  return (
    <>
      <h2>{kind} <span className="mono">{name}</span></h2>
      <p className="mono">{t?.dtype ?? '?'} {formatShape(t?.shape ?? null)}</p>
    </>
  );
}

function SlowestNodes({ nodes, maxShare, onSelect }: { nodes: GraphNodeView[]; maxShare: number; onSelect: (id: string) => void }) {
  const top = [...nodes].filter((n) => n.profile).sort((a, b) => (b.profile?.share ?? 0) - (a.profile?.share ?? 0)).slice(0, 15);
  return (
    <table className="slowest">
      <caption>Slowest nodes (click to find on the graph)</caption>
      <thead><tr><th scope="col">Node</th><th scope="col">Op</th><th scope="col" className="num">ms / inference</th><th scope="col" className="num">Share</th><th scope="col" className="num">Work</th><th scope="col" className="num">GFLOP/s</th><th scope="col">Bound</th><th scope="col" className="num">% of roof</th></tr></thead>
      <tbody>
        {top.map((n) => {
          const p = n.profile;
          if (!p) return null;
          return (
            <tr key={n.id}>
              <td><button type="button" className="link" onClick={() => onSelect(n.id)}><span className="swatch" style={{ background: heatFill(p.share, maxShare) }} />{n.name || n.id}</button></td>
              <td>{n.opType}</td>
              <td className="num">{formatMs(p.meanMs)}</td>
              <td className="num">{formatPercent(p.share)}</td>
              <td className="num">{p.flops === null ? NOT_MEASURED : formatGflop(p.flops)}</td>
              <td className="num">{p.gflopsPerS === null ? NOT_MEASURED : formatGflopsPerS(p.gflopsPerS)}</td>
              <td>{p.bound ?? '–'}</td>
              <td className="num">{formatPercent(p.roofFraction)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

