import { z } from 'zod';
import { countOf, formatDecimal, formatMiB, formatMs, formatPercent } from './format-values.js';
import { tableBlock, textBlock, type ReportSection, type SectionBlock } from './report-section.js';
import { column, type Table } from './table.js';

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
      inputs: z.array(z.string()), outputs: z.array(z.string()), gflopsPerS: n, bound, roofFraction: n,
    }),
  ),
  opTypes: z.array(
    z.object({ opType: z.string(), nodes: z.number(), msPerRun: z.number(), share: z.number(), gflopsPerS: n, intensity: n, bound, roofFraction: n }),
  ),
  findings: z.array(z.object({ code: z.string(), message: z.string(), advice: z.string() })),
  summary: z.string(),
  timedRunCheck: z.object({ profiledMedianMs: z.number(), timedLowMs: z.number(), timedHighMs: z.number(), withinTimedRun: z.boolean() }).optional(),
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
const rate = (v: number) => v.toFixed(1);

/** The profile breakdown, or null when `extras.profile` is not shaped like a profile summary. */
export function profileSection(value: unknown): ReportSection | null {
  const p = readProfile(value);
  if (!p) return null;
  const blocks: SectionBlock[] = [textBlock(p.summary), { kind: 'lines', items: facts(p) }];
  if (p.findings.length > 0) blocks.push({ kind: 'findings', caption: 'Findings', items: p.findings.map(({ code, message, advice }) => ({ code, message, advice })) });
  blocks.push(
    tableBlock(opTypeTable(p), 'Time by op type', 'Share of kernel time. % of roof: achieved GFLOP/s over what the measured peaks allow at the op\'s intensity (FLOP/byte); above 100 % the data came from cache.'),
    tableBlock(topNodeTable(p), `Top ${countOf(p.topNodes.length, 'node')}`, 'Shapes as ONNX Runtime ran the node (its NCHWc layout pads channels, e.g. 24 to 32); FLOPs and GFLOP/s count the model\'s own shapes.'),
    tableBlock(placementTable(p), 'Placement'),
  );
  return { key: 'profile', title: 'Profile', blocks };
}

function facts(p: ProfileView): string[] {
  const coverage = p.kernelCoverage === null ? '' : `, ${formatPercent(p.kernelCoverage)} of it inside kernels`;
  const modelRun = p.modelRunMeanMs === null ? '' : `; model_run ${formatMs(p.modelRunMeanMs)} ms${coverage}`;
  const lines = [
    `Profiled pass: ${countOf(p.profiledRuns, 'inference')} (${p.skippedRuns} left out as warm-up), separate from the timed run, whose latency carries no profiler overhead.`,
    `Kernel time per inference: ${formatMs(p.kernelMsPerRun)} ms${modelRun}.`,
  ];
  const check = p.timedRunCheck;
  if (check) {
    lines.push(
      `Against the timed run: the profiled inferences' median, ${formatMs(check.profiledMedianMs)} ms, is ${check.withinTimedRun ? 'within' : 'outside'} the timed run's range (${formatMs(check.timedLowMs)}–${formatMs(check.timedHighMs)} ms, fastest to p99)${check.withinTimedRun ? '' : ': see the first finding'}.`,
    );
  }
  if (p.flopsPerRun !== null && p.gflopsPerS !== null) {
    const ofPeak = p.peakFraction === null ? '' : ` (${formatPercent(p.peakFraction)} of the measured peak)`;
    lines.push(`Work: ${formatDecimal(p.flopsPerRun / 1e9)} GFLOP per inference at ${rate(p.gflopsPerS)} GFLOP/s inside kernels${ofPeak}.`);
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

function topNodeTable(p: ProfileView): Table {
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
    columns: [column('Execution provider'), column('Nodes', 'right'), column('Share of kernel time', 'right')],
    rows: p.providers.map((e) => [e.provider, String(e.nodes), formatPercent(e.share)]),
  };
}
