import { z } from 'zod';
import { countOf, formatDecimal, formatMs, formatPercent } from '../format-values.js';
import { tableBlock, textBlock, type ReportSection, type SectionBlock } from './report-section.js';
import { column } from '../table.js';

/** `extras.deepstream` as core/engines/deepstream/deepstream-record.ts writes it. */
const Stream = z.object({
  stream: z.string(), averageFps: z.number().nullable(), intervals: z.number(), meanFps: z.number(), minFps: z.number(), maxFps: z.number(),
  coefficientOfVariation: z.number(), stalledIntervals: z.number(), startupReports: z.number(),
});
const Component = z.object({ name: z.string(), role: z.string(), frames: z.number(), meanMs: z.number(), share: z.number().nullable() });
const FrameLatency = z.object({
  basis: z.enum(['measured', 'from-timestamps']), frames: z.number(), meanMs: z.number(), minMs: z.number(), maxMs: z.number(),
  p50Ms: z.number(), p90Ms: z.number(), p99Ms: z.number(), percentileRelativeError: z.number(),
});
const Engine = z.object({
  element: z.string().nullable(), uid: z.number().nullable(), enginePath: z.string(), source: z.enum(['loaded', 'built']), buildSeconds: z.number().nullable(),
  precision: z.string().nullable(), batchSize: z.number().nullable(), infoForm: z.string().nullable(), layers: z.number().nullable(),
  bindings: z.array(z.object({ index: z.number(), io: z.string(), dataType: z.string(), name: z.string(), dims: z.string() })),
});
const DeepstreamView = z.object({
  deepstreamVersion: z.string().nullable(),
  perfReports: z.number(),
  streams: z.array(Stream),
  pipelineFps: z.number().nullable(),
  fpsSeries: z.object({ report: z.array(z.number()), fpsByStream: z.record(z.string(), z.array(z.number().nullable())) }),
  latency: z.object({
    batches: z.number(), frameLines: z.number(), epochFrameLines: z.number(), firstComponent: z.string().nullable(),
    frameLatency: FrameLatency.nullable(), components: z.array(Component), betweenComponentsMs: z.number().nullable(),
  }),
  engines: z.array(Engine),
});
type View = z.infer<typeof DeepstreamView>;

const fps = (v: number | null) => (v === null ? '–' : formatDecimal(v));

function streamBlocks(d: View): SectionBlock[] {
  if (d.streams.length === 0) return [textBlock('No **PERF: report: the log has no FPS (enable-perf-measurement=1 in [application] prints them).')];
  const rows = d.streams.map((s) => [s.stream, fps(s.averageFps), formatDecimal(s.meanFps), formatDecimal(s.minFps), formatDecimal(s.maxFps), formatPercent(s.coefficientOfVariation), String(s.stalledIntervals), String(s.startupReports)]);
  const series: SectionBlock[] = d.fpsSeries.report.length >= 2
    ? [{ kind: 'series', caption: 'FPS per stream over the run', xLabel: 'report', unit: 'FPS', x: d.fpsSeries.report, lines: Object.entries(d.fpsSeries.fpsByStream).map(([stream, values]) => ({ label: `stream ${stream}`, values })) }]
    : [];
  return [...series, tableBlock(
    { columns: [column('Stream'), column('Average FPS', 'right'), column('Mean of intervals', 'right'), column('Min', 'right'), column('Max', 'right'), column('CV', 'right'), column('Stalls', 'right'), column('Start-up reports', 'right')], rows },
    'FPS per stream',
    `Average FPS is DeepStream's own (frames since the stream's first frame over the time since). Mean, min, max and CV are over each stream's reports from its first frame on (of ${countOf(d.perfReports, 'report')} in all); the reporting interval (perf-measurement-interval-sec) is in the config, not the log.`,
  )];
}

function latencyBlocks(d: View): SectionBlock[] {
  const l = d.latency;
  if (l.frameLines === 0 && l.components.length === 0) return [];
  const blocks: SectionBlock[] = [];
  const f = l.frameLatency;
  if (l.epochFrameLines > 0) {
    blocks.push(textBlock(`"Frame latency" in this log is a wall-clock timestamp (ms since 1970), not milliseconds of latency: DeepStream found no component named nvv4l2decode* (the first component here is ${l.firstComponent ?? 'not listed'}).${f?.basis === 'from-timestamps' ? ' The frame latency below is the sink time minus the earliest component input of its batch, both from the log.' : ' No frame latency is reported.'}`));
  }
  if (f) {
    blocks.push(tableBlock(
      { columns: [column('Frames', 'right'), column('Mean', 'right'), column('p50', 'right'), column('p90', 'right'), column('p99', 'right'), column('Max', 'right')], rows: [[String(f.frames), formatMs(f.meanMs), formatMs(f.p50Ms), formatMs(f.p90Ms), formatMs(f.p99Ms), formatMs(f.maxMs)]] },
      `Frame latency (ms, ${f.basis === 'measured' ? "DeepStream's own, decoder input to sink" : 'from timestamps'}) over ${countOf(l.batches, 'batch', 'batches')}`,
      `Percentiles by nearest rank, read from buckets ${formatPercent(f.percentileRelativeError)} wide: within that of the exact value. Frames of a log, not timed inferences: no confidence intervals.`,
    ));
  }
  if (l.components.length > 0) {
    const rows = l.components.map((c) => [c.name, c.role, String(c.frames), formatMs(c.meanMs), c.share === null ? '–' : formatPercent(c.share)]);
    if (l.betweenComponentsMs !== null && f) rows.push(['(between components: queues, waits)', '', '', formatMs(l.betweenComponentsMs), formatPercent(l.betweenComponentsMs / f.meanMs)]);
    blocks.push(tableBlock({ columns: [column('Component'), column('Role'), column('Frames', 'right'), column('Mean ms', 'right'), column('Share of frame latency', 'right')], rows }, 'Per component (out − in)'));
    const segments = l.components.map((c) => ({ label: c.name, value: c.meanMs }));
    if (l.betweenComponentsMs !== null && l.betweenComponentsMs > 0) segments.push({ label: 'between components', value: l.betweenComponentsMs });
    const caption = f
      ? `Where a frame's ${formatMs(f.meanMs)} ms goes (mean per frame)`
      : 'Component times (mean per frame); shares are of their sum, since the log gives no frame latency';
    blocks.push({ kind: 'stacked-bar', caption, unit: 'ms', segments });
  }
  return blocks;
}

function engineBlocks(d: View): SectionBlock[] {
  if (d.engines.length === 0) return [];
  const rows = d.engines.map((e) => [
    `${e.element ?? '?'}${e.uid !== null ? ` (UID ${e.uid})` : ''}`,
    e.enginePath.split('/').pop() ?? e.enginePath,
    e.precision ?? 'not in the file name',
    e.batchSize === null ? '–' : String(e.batchSize),
    e.source === 'built' ? `built${e.buildSeconds !== null ? ` in ${formatDecimal(e.buildSeconds)} s` : ''}` : 'loaded',
    e.bindings.map((b) => `${b.io === 'INPUT' ? 'in' : 'out'} ${b.name} ${b.dims} ${b.dataType}`).join('; ') || (e.layers === 0 ? 'none listed (layers num: 0)' : '–'),
  ]);
  return [tableBlock({ columns: [column('nvinfer'), column('Engine'), column('Precision'), column('Batch', 'right'), column('Engine was'), column('Bindings')], rows }, 'TensorRT engines (nvinfer)', 'Precision and batch are read from the engine file name nvinfer gives the engines it builds (…_b<batch>_gpu<id>_<precision>.engine); its engine info block does not state them.')];
}

/** A DeepStream pipeline run: streams and their FPS, frame and component latency, the engines. */
export function deepstreamSection(value: unknown): ReportSection | null {
  const parsed = DeepstreamView.safeParse(value);
  if (!parsed.success) return null;
  const d = parsed.data;
  const head = `DeepStream${d.deepstreamVersion ? ` ${d.deepstreamVersion}` : ''} pipeline, ${d.streams.length === 0 ? 'streams not reported' : countOf(d.streams.length, 'stream')}${d.pipelineFps !== null ? `: ${formatDecimal(d.pipelineFps)} FPS in all (the sum of the streams' average FPS)` : ''}. Imported from its log; edgelab builds no pipelines.`;
  return { key: 'deepstream', title: 'DeepStream pipeline', blocks: [textBlock(head), ...streamBlocks(d), ...latencyBlocks(d), ...engineBlocks(d)] };
}
