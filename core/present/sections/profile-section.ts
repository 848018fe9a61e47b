import { z } from 'zod';
import { openvinoProfileSection } from './openvino-section.js';
import { countOf, formatDecimal, formatGflop, formatGflopsPerS, formatMiB, formatMs, formatPercent } from '../format-values.js';
import { tableBlock, textBlock, type ReportSection, type SectionBlock } from './report-section.js';
import { column, type Table } from '../table.js';

/**
 * The fields of core/profile's ProfileSummary (`extras.profile`) this section draws. Read loosely,
 * not with the producer's strict schema: a field added to the summary later must not push a whole
 * profile back to the generic table.
 */
const n = z.number().nullable();
const bound = z.enum(['compute', 'memory']).nullable();
const ProfileView = z.object({
  traceFile: z.string(),
  profiledRuns: z.number(),
  skippedRuns: z.number(),
  modelRunMeanMs: n,
  kernelMsPerRun: z.number(),
  kernelCoverage: n,
  providers: z.array(z.object({ provider: z.string(), nodes: z.number(), share: z.number() })),
  flopsPerRun: n,
  gflopsPerS: n,
  peakFraction: n,
  memory: z.object({ parameterBytes: n, outputBytesPerRun: n, peakInUseBytes: n, arenaHeldBytes: n }),
  peaks: z.object({ provider: z.string(), threads: z.number(), computeGflopsPerS: z.number(), bandwidthGBPerS: z.number(), ridgeFlopsPerByte: z.number() }).nullable(),
  topNodes: z.array(
    z.object({
      name: z.string(), kind: z.string(), provider: z.string(), meanMs: z.number(), share: z.number(),
      inputs: z.array(z.string()), outputs: z.array(z.string()), gflopsPerS: n, bound, roofFraction: n, dispatchMs: n.optional(),
    }),
  ),
  opTypes: z.array(
    z.object({ opType: z.string(), nodes: z.number(), msPerRun: z.number(), share: z.number(), gflopsPerS: n, intensity: n, bound, roofFraction: n }),
  ),
  findings: z.array(z.object({ code: z.string(), message: z.string(), advice: z.string() })),
  summary: z.string(),
  // Added with device time; absent in older (host-side) records.
  timeLabel: z.string().optional(),
  device: z.object({
    source: z.string(), events: z.number(), busyMsPerRun: z.number(), busyShare: n, busyShareMin: n, busyShareMax: n,
    dispatchMsPerRun: z.number(), timedP50Ms: n, busyShareOfTimedP50: n,
  }).nullable().optional(),
  timedRunCheck: z.object({ profiledMedianMs: z.number(), timedLowMs: z.number(), timedHighMs: z.number(), withinTimedRun: z.boolean(), withinProfilerCost: z.boolean().optional(), profilerAllowance: z.number().optional() }).optional(),
});
export type ProfileView = z.infer<typeof ProfileView>;

/** `extras.profile` read as a profile summary, or null when it is not shaped like one. */
export function readProfile(value: unknown): ProfileView | null {
  const parsed = ProfileView.safeParse(value);
  return parsed.success ? parsed.data : null;
}

const dash = '–';
const orDash = <T>(v: T | null, f: (v: T) => string) => (v === null ? dash : f(v));
const shortProvider = (p: string) => p.replace(/ExecutionProvider$/, '');
/** Rates to one decimal, as core/profile prints them: the roofline is an estimate, not a measurement to 0.01. */
const rate = formatGflopsPerS;

/** The profile breakdown, or null when `extras.profile` is not shaped like a profile summary. */
export function profileSection(value: unknown): ReportSection | null {
  if ((value as { engine?: unknown } | null)?.engine === 'openvino') return openvinoProfileSection(value);
  const p = readProfile(value);
  if (!p) return null;
  const raw = value as { engine?: unknown; layerInfoFile?: unknown; topNodes?: unknown };
  const blocks: SectionBlock[] = [textBlock(p.summary), { kind: 'lines', items: facts({ ...p, engine: raw.engine, layerInfoFile: raw.layerInfoFile }) }];
  if (p.findings.length > 0) blocks.push({ kind: 'findings', caption: 'Findings', items: p.findings.map(({ code, message, advice }) => ({ code, message, advice })) });
  if (raw.engine === 'trtexec') {
    blocks.push(
      tableBlock(opTypeTable(p), 'Time by layer type', 'Share of layer time, from TensorRT\'s layer profiler. Reformat and copy layers are data movement, not compute.'),
      tableBlock(trtexecLayerTable(raw.topNodes), `Top ${p.topNodes.length} layers`),
      tableBlock(placementTable(p), 'Placement (GPU or DLA)'),
    );
    return { key: 'profile', title: 'Profile', blocks };
  }
  blocks.push(
    tableBlock(opTypeTable(p), 'Time by op type', `Share of ${p.timeLabel ?? 'kernel time'}. % of roof: achieved GFLOP/s over what the measured peaks allow at the op's intensity (FLOP/byte); above 100 % the data came from cache.`),
    tableBlock(topNodeTable(p), `Top ${countOf(p.topNodes.length, 'node')}`, 'Shapes as ONNX Runtime ran the node (its NCHWc layout pads channels, e.g. 24 to 32); FLOPs and GFLOP/s count the model\'s own shapes.'),
    tableBlock(placementTable(p), 'Placement'),
  );
  return { key: 'profile', title: 'Profile', blocks };
}

function facts(p: ProfileView & { engine?: unknown; layerInfoFile?: unknown }): string[] {
  if (p.engine === 'trtexec') {
    return [
      `TensorRT layer profile: ${p.profiledRuns} profiled iterations in a trtexec process separate from the timed one, so the profiler's synchronisation is not in the timed latency.`,
      `Layer time per inference: ${formatMs(p.kernelMsPerRun)} ms on the device (TensorRT's own per-layer timing).`,
      `Profile: ${p.traceFile}${typeof p.layerInfoFile === 'string' ? `, layer info: ${p.layerInfoFile}` : ''}, beside the run record (the JSON trtexec wrote; TensorRT Engine Explorer reads it).`,
    ];
  }
  const coverage = p.kernelCoverage === null ? '' : `, ${formatPercent(p.kernelCoverage)} of it inside kernels`;
  const modelRun = p.modelRunMeanMs === null ? '' : `; model_run ${formatMs(p.modelRunMeanMs)} ms${coverage}`;
  const lines = [
    `Profiled pass: ${countOf(p.profiledRuns, 'inference')} (${p.skippedRuns} left out as warm-up), separate from the timed run, whose latency carries no profiler overhead.`,
  ];
  const d = p.device;
  if (d) {
    const source = d.source === 'webgpu-timestamps' ? 'WebGPU timestamps' : 'GPU kernel events';
    const ofRun = d.busyShare === null || p.modelRunMeanMs === null ? '' : `, ${formatPercent(d.busyShare)} of a ${formatMs(p.modelRunMeanMs)} ms profiled inference`;
    const ofTimed = d.busyShareOfTimedP50 === null || d.timedP50Ms === null ? '' : ` and ${formatPercent(d.busyShareOfTimedP50)} of the timed p50 (${formatMs(d.timedP50Ms)} ms)`;
    lines.push(`Device time per inference (${source}): ${formatMs(d.busyMsPerRun)} ms busy${ofRun}${ofTimed}.`);
    lines.push(`Dispatch time (host-side, the CPU enqueueing device work; not kernel time): ${formatMs(d.dispatchMsPerRun)} ms per inference.`);
  } else if (p.timeLabel === 'host-side time') {
    lines.push(`Host-side time per inference: ${formatMs(p.kernelMsPerRun)} ms${modelRun} (no device timestamps in this trace: dispatch time for device nodes, not kernel time).`);
  } else {
    lines.push(`Kernel time per inference: ${formatMs(p.kernelMsPerRun)} ms${modelRun}.`);
  }
  const check = p.timedRunCheck;
  if (check) {
    lines.push(
      `Against the timed run: the profiled inferences' median, ${formatMs(check.profiledMedianMs)} ms, is ${check.withinTimedRun ? 'within' : 'outside'} the timed run's range (${formatMs(check.timedLowMs)}–${formatMs(check.timedHighMs)} ms, fastest to p99)${check.withinTimedRun ? '' : check.withinProfilerCost ? `, slower by no more than the profiler's own cost (up to ${check.profilerAllowance ?? 1.5}× the p99): the shares between nodes hold, absolute times include that cost` : ': see the first finding'}.`,
    );
  }
  if (p.flopsPerRun !== null && p.gflopsPerS !== null) {
    const ofPeak = p.peakFraction === null ? '' : ` (${formatPercent(p.peakFraction)} of the measured peak)`;
    lines.push(`Work: ${formatGflop(p.flopsPerRun)} per inference at ${rate(p.gflopsPerS)} GFLOP/s inside kernels${ofPeak}.`);
  }
  if (p.peaks) {
    const threads = p.peaks.threads === 0 ? 'default threads' : `${p.peaks.threads} threads`;
    lines.push(
      `Measured peaks (${p.peaks.provider}, ${threads}): ${rate(p.peaks.computeGflopsPerS)} GFLOP/s, ${rate(p.peaks.bandwidthGBPerS)} GB/s, ridge ${formatDecimal(p.peaks.ridgeFlopsPerByte)} FLOP/byte.`,
    );
  }
  const m = p.memory;
  const memory = [
    m.parameterBytes !== null ? `weights ${formatMiB(m.parameterBytes)}` : '',
    m.outputBytesPerRun !== null ? `activations written ${formatMiB(m.outputBytesPerRun)}` : '',
    m.peakInUseBytes !== null ? `arena peak in use ${formatMiB(m.peakInUseBytes)}` : '',
    m.arenaHeldBytes !== null ? `arena held ${formatMiB(m.arenaHeldBytes)}` : '',
  ].filter(Boolean);
  if (memory.length > 0) lines.push(`Memory per inference: ${memory.join(', ')}.`);
  lines.push(`Trace: ${p.traceFile}, beside the run record; it opens in Perfetto (ui.perfetto.dev) or chrome://tracing.`);
  return lines;
}

function opTypeTable(p: ProfileView): Table {
  return {
    columns: [column('Op type'), column('Nodes', 'right'), column('ms/run', 'right'), column('Share', 'right'), column('GFLOP/s', 'right'),
      column('FLOP/byte', 'right'), column('Bound'), column('% of roof', 'right')],
    rows: p.opTypes.map((o) => [
      o.opType, String(o.nodes), formatMs(o.msPerRun), formatPercent(o.share), orDash(o.gflopsPerS, rate),
      orDash(o.intensity, formatDecimal), o.bound ?? dash, orDash(o.roofFraction, formatPercent),
    ]),
  };
}

const TrtexecLayers = z.array(z.object({
  name: z.string(), opType: z.string(), kind: z.string(), provider: z.string(), precision: z.string().nullable(),
  meanMs: z.number(), medianMs: z.number().nullable(), share: z.number(), inputs: z.array(z.string()), outputs: z.array(z.string()),
}));

/** A TensorRT layer: its type and precision from the layer info, GPU or DLA, mean and median time. */
function trtexecLayerTable(value: unknown): Table {
  const layers = TrtexecLayers.safeParse(value);
  return {
    columns: [column('Layer'), column('Type'), column('Kind'), column('Precision'), column('Device'), column('Mean ms', 'right'), column('Median ms', 'right'), column('Share', 'right'), column('Shapes (in → out)')],
    rows: (layers.success ? layers.data : []).map((l) => [
      l.name, l.opType, l.kind, l.precision ?? dash, l.provider, formatMs(l.meanMs), orDash(l.medianMs, formatMs), formatPercent(l.share),
      l.inputs.length + l.outputs.length > 0 ? `${l.inputs.join(', ')} → ${l.outputs.join(', ')}` : dash,
    ]),
  };
}

function topNodeTable(p: ProfileView): Table {
  const table = baseTopNodeTable(p);
  if (!p.device) return table;
  // Beside device time, what each node cost the CPU to enqueue.
  return {
    columns: [...table.columns.slice(0, 5), column('Dispatch ms', 'right'), ...table.columns.slice(5)],
    rows: table.rows.map((row, i) => [...row.slice(0, 5), orDash(p.topNodes[i]?.dispatchMs ?? null, formatMs), ...row.slice(5)]),
  };
}

function baseTopNodeTable(p: ProfileView): Table {
  return {
    columns: [column('Node'), column('Op'), column('Provider'), column('Mean ms', 'right'), column('Share', 'right'), column('GFLOP/s', 'right'),
      column('Bound'), column('% of roof', 'right'), column('Shapes (in → out)')],
    rows: p.topNodes.map((node) => [
      node.name, node.kind, shortProvider(node.provider), formatMs(node.meanMs), formatPercent(node.share), orDash(node.gflopsPerS, rate),
      node.bound ?? dash, orDash(node.roofFraction, formatPercent), `${node.inputs.join(', ')} → ${node.outputs.join(', ')}`,
    ]),
  };
}

function placementTable(p: ProfileView): Table {
  return {
    columns: [column('Execution provider'), column('Nodes', 'right'), column(`Share of ${p.timeLabel ?? 'kernel time'}`, 'right')],
    rows: p.providers.map((e) => [e.provider, String(e.nodes), formatPercent(e.share)]),
  };
}
