import { useCallback, useEffect, useMemo, useState } from 'react';
import type { InferenceTrace, TimelineLane, TimelineSpan } from '../../../core/api/inference-trace.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RunLink } from '../components/run-link.js';
import { formatCount, formatMs, formatPercent } from '../../../core/present/format-values.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#eeca3b', '#9d755d', '#ff9da6', '#bab0ac'];
const LANE_HEIGHT = 22;
const AXIS_HEIGHT = 22;
const BASE_WIDTH = 1100;

/** What a span's length is: the kernel's own time, or (on an asynchronous device) the host's dispatch. */
const timeOf = (s: TimelineSpan) => s.time ?? 'host';
/** The spans whose lengths are kernel time: the device's, and CPU kernels; never dispatch. */
const kernelSpans = (spans: readonly TimelineSpan[]) => spans.filter((s) => timeOf(s) !== 'dispatch');
function lanesOf(trace: InferenceTrace): TimelineLane[] {
  const count = Math.max(1, ...trace.spans.map((s) => s.lane + 1));
  return Array.from({ length: count }, (_, i) => trace.lanes?.[i] ?? { label: `thread ${i + 1}`, time: 'host' });
}

/** Op types by their time in this inference, slowest first; each gets a palette colour in that order, so the ten that matter never share one. */
function opColours(spans: readonly TimelineSpan[]): Map<string, string> {
  const byOp = new Map<string, number>();
  for (const s of kernelSpans(spans)) byOp.set(s.opType, (byOp.get(s.opType) ?? 0) + s.durationUs);
  for (const s of spans) if (!byOp.has(s.opType)) byOp.set(s.opType, 0);
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
          <TraceSummary trace={trace} />
          <div className="row">
            <button type="button" onClick={() => saveTrace(trace)}>{trace.averagedOver ? 'Download the layer profile' : 'Download the trace'} ({trace.file.fileName})</button>
            {trace.averagedOver ? null : (
              <>
                <span className="muted">Opens in ui.perfetto.dev or chrome://tracing.</span>
                <label htmlFor="inference-pick">Inference</label>
                <select id="inference-pick" value={trace.inference} onChange={(e) => void loadTrace(trace.runId, Number(e.target.value))}>
                  {Array.from({ length: trace.inferences }, (_, i) => <option key={i} value={i}>{i + 1}</option>)}
                </select>
              </>
            )}
            <button type="button" onClick={() => setZoom((z) => Math.min(64, z * 2))} aria-label="Zoom in">+</button>
            <button type="button" onClick={() => setZoom((z) => Math.max(1, z / 2))} aria-label="Zoom out">−</button>
            <span className="muted">{zoom}×</span>
          </div>
          <Timeline trace={trace} zoom={zoom} onPick={setPicked} />
          {picked ? <SpanDetails span={picked} trace={trace} /> : <p className="muted">Click a kernel for its timing.</p>}
          <OpLegend spans={trace.spans} device={trace.timeBase === 'device'} averaged={trace.averagedOver !== undefined} />
        </>
      ) : null}
    </section>
  );
}

function Timeline({ trace, zoom, onPick }: { trace: InferenceTrace; zoom: number; onPick: (span: TimelineSpan) => void }) {
  const colours = useMemo(() => opColours(trace.spans), [trace]);
  const laneList = lanesOf(trace);
  const lanes = laneList.length;
  const width = BASE_WIDTH * zoom;
  const scale = width / Math.max(trace.durationUs, 1);
  const step = tickStepUs(trace.durationUs / zoom);
  const ticks = useMemo(() => Array.from({ length: Math.floor(trace.durationUs / step) + 1 }, (_, i) => i * step), [trace, step]);
  const height = AXIS_HEIGHT + lanes * LANE_HEIGHT + 4;
  return (
    <div className="timeline-scroll">
      <svg className="timeline" width={width + 80} height={height} role="img" aria-label={`Timeline of one inference: ${trace.spans.length} kernels over ${formatMs(trace.durationUs / 1000)} ms`}>
        <g transform="translate(70,0)">
          {ticks.map((t) => (
            <g key={t} transform={`translate(${t * scale},0)`}>
              <line y1={AXIS_HEIGHT - 4} y2={height} className="tick" />
              <text y={AXIS_HEIGHT - 8} textAnchor="middle" className="tick-label">{t === 0 ? '0' : formatMs(t / 1000)} ms</text>
            </g>
          ))}
          {trace.spans.map((s, i) => (
            <rect key={i} className={timeOf(s) === 'dispatch' ? 'span dispatch' : 'span'} x={s.startUs * scale} y={AXIS_HEIGHT + s.lane * LANE_HEIGHT + 2} width={Math.max(1, s.durationUs * scale)} height={LANE_HEIGHT - 4} fill={colours.get(s.opType)} onClick={() => onPick(s)}>
              <title>{`${s.name} (${s.opType}): ${formatMs(s.durationUs / 1000)} ms ${timeOf(s) === 'dispatch' ? 'dispatch (host) ' : timeOf(s) === 'device' ? 'on the device ' : ''}at ${formatMs(s.startUs / 1000)} ms`}</title>
            </rect>
          ))}
        </g>
        {laneList.map((lane, i) => (
          <text key={i} x={4} y={AXIS_HEIGHT + i * LANE_HEIGHT + 15} className="lane-label">{lane.label}</text>
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
      <div className="fact"><dt>{timeOf(span) === 'dispatch' ? 'Dispatch (host)' : timeOf(span) === 'device' ? 'Device time' : 'Takes'}</dt><dd>{formatMs(span.durationUs / 1000)} ms, {formatPercent(span.durationUs / Math.max(trace.durationUs, 1))} of the inference{timeOf(span) === 'dispatch' ? ': the CPU enqueueing this node for the device, not its kernel time' : ''}</dd></div>
    </dl>
  );
}

function TraceSummary({ trace }: { trace: InferenceTrace }) {
  if (trace.averagedOver) {
    return (
      <p>
        TensorRT's layer profile of run <RunLink runId={trace.runId} />: its {trace.spans.length} layers in the engine's order, each at its average device time over{' '}
        {formatCount(trace.averagedOver.runs)} profiled inferences, {formatMs(trace.durationUs / 1000)} ms in all. The profile holds no single inference, so this is the average one, layer after layer.
      </p>
    );
  }
  const kernels = kernelSpans(trace.spans);
  const dispatches = trace.spans.length - kernels.length;
  const threads = new Set(trace.spans.filter((s) => timeOf(s) !== 'device').map((s) => s.lane)).size;
  return (
    <p>
      Inference {trace.inference + 1} of {trace.inferences} profiled in run <RunLink runId={trace.runId} /> (the median-length one): {formatMs(trace.durationUs / 1000)} ms.{' '}
      {trace.timeBase === 'device'
        ? `${kernels.filter((s) => timeOf(s) === 'device').length} dispatches timed on the device (its own timestamps: the top lane)${dispatches > 0 ? `, and below them the host's dispatch of ${dispatches} nodes on ${threads} thread${threads === 1 ? '' : 's'}, which is enqueueing, not kernel time` : ''}.`
        : dispatches > 0
          ? `${trace.spans.length} nodes on ${threads} thread${threads === 1 ? '' : 's'}; this trace has no device timestamps, so ${dispatches} of them show only the host's dispatch time, not kernel time.`
          : `${trace.spans.length} kernels on ${threads} thread${threads === 1 ? '' : 's'}.`}
    </p>
  );
}

function OpLegend({ spans, device, averaged }: { spans: TimelineSpan[]; device: boolean; averaged: boolean }) {
  const colours = opColours(spans);
  const sums = (time: 'kernel' | 'dispatch') => {
    const byOp = new Map<string, number>();
    for (const s of spans) if ((timeOf(s) === 'dispatch') === (time === 'dispatch')) byOp.set(s.opType, (byOp.get(s.opType) ?? 0) + s.durationUs);
    return byOp;
  };
  const kernel = sums('kernel');
  const dispatch = sums('dispatch');
  const rows = [...new Set([...kernel.keys(), ...dispatch.keys()])].sort((a, b) => (kernel.get(b) ?? 0) - (kernel.get(a) ?? 0) || (dispatch.get(b) ?? 0) - (dispatch.get(a) ?? 0));
  const showDispatch = dispatch.size > 0;
  return (
    <table className="stats">
      <caption>Time by {averaged ? 'layer type in the average inference' : 'op type in this inference'}{device ? ' (device time)' : ''}</caption>
      <thead><tr><th scope="col">Op</th><th scope="col" className="num">{device ? 'Device' : 'Kernel'}</th>{showDispatch ? <th scope="col" className="num">Dispatch (host)</th> : null}</tr></thead>
      <tbody>
        {rows.map((op) => (
          <tr key={op}>
            <th scope="row"><span className="swatch" style={{ background: colours.get(op) }} />{op}</th>
            <td className="num">{kernel.has(op) ? `${formatMs((kernel.get(op) ?? 0) / 1000)} ms` : '–'}</td>
            {showDispatch ? <td className="num muted">{dispatch.has(op) ? `${formatMs((dispatch.get(op) ?? 0) / 1000)} ms` : '–'}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
