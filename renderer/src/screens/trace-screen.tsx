import { useCallback, useEffect, useMemo, useState } from 'react';
import type { InferenceTrace, TimelineSpan } from '../../../core/api/inference-trace.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RunLink } from '../components/run-link.js';
import { formatMs, formatPercent } from '../format.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#eeca3b', '#9d755d', '#ff9da6', '#bab0ac'];
const LANE_HEIGHT = 22;
const AXIS_HEIGHT = 22;
const BASE_WIDTH = 1100;

/** Op types by their time in this inference, slowest first; each gets a palette colour in that order, so the ten that matter never share one. */
function opColours(spans: readonly TimelineSpan[]): Map<string, string> {
  const byOp = new Map<string, number>();
  for (const s of spans) byOp.set(s.opType, (byOp.get(s.opType) ?? 0) + s.durationUs);
  return new Map([...byOp].sort((a, b) => b[1] - a[1]).map(([op], i) => [op, PALETTE[i % PALETTE.length] as string]));
}

function saveTrace(trace: InferenceTrace): void {
  const url = URL.createObjectURL(new Blob([trace.file.content], { type: trace.file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = trace.file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Round tick spacing (1, 2 or 5 × 10ⁿ µs) for about eight ticks over the span shown. */
function tickStepUs(totalUs: number): number {
  const raw = totalUs / 8;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-3)));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
}

/**
 * One inference of a profiled run, kernel by kernel on the threads that ran them, as Perfetto
 * would show it; the whole trace file is a download away for Perfetto itself.
 */
export function TraceScreen({ runId }: { runId: string | null }) {
  const lab = useLab();
  const load = useCall(useCallback((id: string, inference?: number) => lab.inferenceTrace(id, inference), [lab]));
  const { run: loadTrace } = load;
  const [zoom, setZoom] = useState(1);
  const [picked, setPicked] = useState<TimelineSpan | null>(null);
  useEffect(() => {
    if (runId !== null) void loadTrace(runId);
  }, [runId, loadTrace]);
  const trace = load.result?.runId === runId ? load.result : undefined;

  if (runId === null) {
    return (
      <section aria-labelledby="trace-heading">
        <h1 id="trace-heading">Trace</h1>
        <p>Open a profiled run's Results and choose its trace.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="trace-heading">
      <h1 id="trace-heading">Trace <span className="muted">run {runId}</span></h1>
      <ErrorNotice error={load.error} />
      {load.busy ? <p aria-live="polite">Reading the trace…</p> : null}
      {trace ? (
        <>
          <p>
            Inference {trace.inference + 1} of {trace.inferences} profiled in run <RunLink runId={trace.runId} /> (the median-length one): {formatMs(trace.durationUs / 1000)} ms,{' '}
            {trace.spans.length} kernels on {new Set(trace.spans.map((s) => s.lane)).size} thread{new Set(trace.spans.map((s) => s.lane)).size === 1 ? '' : 's'}.
          </p>
          <div className="row">
            <button type="button" onClick={() => saveTrace(trace)}>Download the trace ({trace.file.fileName})</button>
            <span className="muted">Opens in ui.perfetto.dev or chrome://tracing.</span>
            <label htmlFor="inference-pick">Inference</label>
            <select id="inference-pick" value={trace.inference} onChange={(e) => void loadTrace(trace.runId, Number(e.target.value))}>
              {Array.from({ length: trace.inferences }, (_, i) => <option key={i} value={i}>{i + 1}</option>)}
            </select>
            <button type="button" onClick={() => setZoom((z) => Math.min(64, z * 2))} aria-label="Zoom in">+</button>
            <button type="button" onClick={() => setZoom((z) => Math.max(1, z / 2))} aria-label="Zoom out">−</button>
            <span className="muted">{zoom}×</span>
          </div>
          <Timeline trace={trace} zoom={zoom} onPick={setPicked} />
          {picked ? <SpanDetails span={picked} trace={trace} /> : <p className="muted">Click a kernel for its timing.</p>}
          <OpLegend spans={trace.spans} />
        </>
      ) : null}
    </section>
  );
}

function Timeline({ trace, zoom, onPick }: { trace: InferenceTrace; zoom: number; onPick: (span: TimelineSpan) => void }) {
  const colours = useMemo(() => opColours(trace.spans), [trace]);
  const lanes = Math.max(1, ...trace.spans.map((s) => s.lane + 1));
  const width = BASE_WIDTH * zoom;
  const scale = width / Math.max(trace.durationUs, 1);
  const step = tickStepUs(trace.durationUs / zoom);
  const ticks = useMemo(() => Array.from({ length: Math.floor(trace.durationUs / step) + 1 }, (_, i) => i * step), [trace, step]);
  const height = AXIS_HEIGHT + lanes * LANE_HEIGHT + 4;
  return (
    <div className="timeline-scroll">
      <svg className="timeline" width={width + 60} height={height} role="img" aria-label={`Timeline of one inference: ${trace.spans.length} kernels over ${formatMs(trace.durationUs / 1000)} ms`}>
        <g transform="translate(50,0)">
          {ticks.map((t) => (
            <g key={t} transform={`translate(${t * scale},0)`}>
              <line y1={AXIS_HEIGHT - 4} y2={height} className="tick" />
              <text y={AXIS_HEIGHT - 8} textAnchor="middle" className="tick-label">{t === 0 ? '0' : formatMs(t / 1000)} ms</text>
            </g>
          ))}
          {trace.spans.map((s, i) => (
            <rect key={i} className="span" x={s.startUs * scale} y={AXIS_HEIGHT + s.lane * LANE_HEIGHT + 2} width={Math.max(1, s.durationUs * scale)} height={LANE_HEIGHT - 4} fill={colours.get(s.opType)} onClick={() => onPick(s)}>
              <title>{`${s.name} (${s.opType}): ${formatMs(s.durationUs / 1000)} ms at ${formatMs(s.startUs / 1000)} ms`}</title>
            </rect>
          ))}
        </g>
        {Array.from({ length: lanes }, (_, lane) => (
          <text key={lane} x={4} y={AXIS_HEIGHT + lane * LANE_HEIGHT + 15} className="lane-label">thread {lane + 1}</text>
        ))}
      </svg>
    </div>
  );
}

function SpanDetails({ span, trace }: { span: TimelineSpan; trace: InferenceTrace }) {
  return (
    <dl className="facts">
      <div className="fact"><dt>Kernel</dt><dd className="mono">{span.name}</dd></div>
      <div className="fact"><dt>Op</dt><dd>{span.opType} on {span.provider}</dd></div>
      <div className="fact"><dt>Starts at</dt><dd>{formatMs(span.startUs / 1000)} ms</dd></div>
      <div className="fact"><dt>Takes</dt><dd>{formatMs(span.durationUs / 1000)} ms, {formatPercent(span.durationUs / Math.max(trace.durationUs, 1))} of the inference</dd></div>
    </dl>
  );
}

function OpLegend({ spans }: { spans: TimelineSpan[] }) {
  const colours = opColours(spans);
  const byOp = new Map<string, number>();
  for (const s of spans) byOp.set(s.opType, (byOp.get(s.opType) ?? 0) + s.durationUs);
  const rows = [...byOp].sort((a, b) => b[1] - a[1]);
  return (
    <table className="stats">
      <caption>Time by op type in this inference</caption>
      <tbody>
        {rows.map(([op, us]) => <tr key={op}><th scope="row"><span className="swatch" style={{ background: colours.get(op) }} />{op}</th><td className="num">{formatMs(us / 1000)} ms</td></tr>)}
      </tbody>
    </table>
  );
}
