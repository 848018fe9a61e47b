import { memo, useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import type { GraphLayout, PlacedNode } from '../../../core/present/graph-layout.js';
import { formatPercent } from '../../../core/present/format-values.js';

interface View {
  x: number;
  y: number;
  k: number;
}

interface Props {
  layout: GraphLayout;
  selected: string | null;
  matches: ReadonlySet<string>;
  /** Highest share of any node, so colours use the whole scale even when no node dominates. */
  maxShare: number;
  onSelect: (id: string) => void;
  /** Bumped to centre the view on the selected node (after a search, a table click). */
  focusKey: number;
}

/** Heat for a node's share of time: transparent to red, legible on light and dark backgrounds. */
export function heatFill(share: number, maxShare: number): string {
  const t = maxShare > 0 ? Math.min(1, share / maxShare) : 0;
  return `rgba(225, 56, 28, ${(0.08 + 0.82 * Math.sqrt(t)).toFixed(3)})`;
}

function edgePath(points: ReadonlyArray<{ x: number; y: number }>): string {
  const [first, ...rest] = points;
  if (!first) return '';
  return `M${first.x},${first.y}` + rest.map((p) => `L${p.x},${p.y}`).join('');
}

/** The drawn nodes and edges; memoised so panning and zooming re-render one transform only. */
const GraphLayers = memo(function GraphLayers({ layout, selected, matches, maxShare, onSelect }: Omit<Props, 'focusKey'>) {
  return (
    <>
      <g className="edges">
        {layout.edges.map((e, i) => <path key={i} d={edgePath(e.points)} markerEnd="url(#arrow)"><title>{e.tensor}</title></path>)}
      </g>
      <g className="nodes">
        {layout.nodes.map((n) => (
          <NodeBox key={n.id} node={n} selected={n.id === selected} matched={matches.has(n.id)} maxShare={maxShare} onSelect={onSelect} />
        ))}
      </g>
    </>
  );
});

function NodeBox({ node, selected, matched, maxShare, onSelect }: { node: PlacedNode; selected: boolean; matched: boolean; maxShare: number; onSelect: (id: string) => void }) {
  const profile = node.node?.profile ?? null;
  const fill = profile ? heatFill(profile.share, maxShare) : undefined;
  const cls = ['node', `node-${node.kind}`, selected ? 'selected' : '', matched ? 'matched' : '', profile ? 'profiled' : ''].filter(Boolean).join(' ');
  return (
    <g className={cls} transform={`translate(${node.x - node.width / 2},${node.y - node.height / 2})`} onClick={() => onSelect(node.id)} data-node={node.id}>
      <rect width={node.width} height={node.height} rx={node.kind === 'op' ? 3 : 12} style={fill ? { fill } : undefined} />
      <text x={node.width / 2} y={node.detail ? 14 : 21} textAnchor="middle" className="op">{node.label}</text>
      {node.detail ? <text x={node.width / 2} y={27} textAnchor="middle" className="detail">{node.detail}</text> : null}
      <title>{node.node ? `${node.node.name || node.id} (${node.node.opType})${profile ? `: ${formatPercent(profile.share)} of time` : ''}` : node.label}</title>
    </g>
  );
}

/**
 * The graph in an SVG with its own pan (drag) and zoom (wheel, buttons). Only the outer
 * transform changes while moving, so a 700-node graph pans without re-drawing its nodes.
 */
export function GraphCanvas({ layout, selected, matches, maxShare, onSelect, focusKey }: Props) {
  const host = useRef<SVGSVGElement>(null);
  const [view, setView] = useState<View>({ x: 0, y: 0, k: 1 });
  const drag = useRef<{ x: number; y: number; vx: number; vy: number; moved: boolean } | null>(null);

  const fit = useCallback(() => {
    const box = host.current?.getBoundingClientRect();
    if (!box || layout.width === 0) return;
    // Fit the width, but never so small that labels cannot be read: a tall graph starts at its top.
    const k = Math.max(0.35, Math.min(1.2, box.width / layout.width));
    setView({ k, x: (box.width - layout.width * k) / 2, y: 8 });
  }, [layout]);
  useEffect(fit, [fit]);

  useEffect(() => {
    if (selected === null || focusKey === 0) return;
    const node = layout.nodes.find((n) => n.id === selected);
    const box = host.current?.getBoundingClientRect();
    if (!node || !box) return;
    setView((v) => ({ k: Math.max(v.k, 0.8), x: box.width / 2 - node.x * Math.max(v.k, 0.8), y: box.height / 2 - node.y * Math.max(v.k, 0.8) }));
  }, [focusKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const zoomAt = (factor: number, cx: number, cy: number) =>
    setView((v) => {
      const k = Math.min(4, Math.max(0.05, v.k * factor));
      return { k, x: cx - ((cx - v.x) * k) / v.k, y: cy - ((cy - v.y) * k) / v.k };
    });
  // A native listener: React's wheel listener is passive, and zooming must not scroll the page too.
  useEffect(() => {
    const svg = host.current;
    if (!svg) return;
    const onWheel = (e: globalThis.WheelEvent) => {
      e.preventDefault();
      const box = svg.getBoundingClientRect();
      zoomAt(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - box.left, e.clientY - box.top);
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    d.moved = true;
    setView((v) => ({ ...v, x: d.vx + dx, y: d.vy + dy }));
  };
  const endDrag = () => {
    drag.current = null;
  };
  const center = () => {
    const box = host.current?.getBoundingClientRect();
    return box ? [box.width / 2, box.height / 2] as const : [0, 0] as const;
  };

  return (
    <div className="graph-canvas">
      <div className="row graph-zoom" role="group" aria-label="Zoom">
        <button type="button" onClick={() => zoomAt(1.25, ...center())} aria-label="Zoom in">+</button>
        <button type="button" onClick={() => zoomAt(0.8, ...center())} aria-label="Zoom out">−</button>
        <button type="button" onClick={fit}>Fit width</button>
        <span className="muted">{Math.round(view.k * 100)} %, drag to pan, wheel to zoom</span>
      </div>
      <svg ref={host} className="graph" role="img" aria-label={`Model graph: ${layout.nodes.length} nodes`} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={endDrag} onPointerLeave={endDrag}>
        <defs>
          <marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M0,0 L8,4 L0,8 z" className="arrow" />
          </marker>
        </defs>
        <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
          <GraphLayers layout={layout} selected={selected} matches={matches} maxShare={maxShare} onSelect={onSelect} />
        </g>
      </svg>
    </div>
  );
}
