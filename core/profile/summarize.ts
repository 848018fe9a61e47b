import { basename } from 'node:path';
import type { ExecutionProvider } from '../api/run-spec.js';
import type { NodeBreakdown, ProfileBreakdown } from './breakdown.js';
import { formatTensor } from './ort-trace.js';
import { profileFindings } from './findings.js';
import type { MachinePeaks } from './peaks.js';
import { ProfileSummarySchema, type ProfileNode, type ProfileOpType, type ProfileSummary } from './profile-summary.js';
import { rooflinePoint } from './roofline.js';
import { checkAgainstTimedRun, timedRunMismatchFinding } from './timed-run-check.js';

export interface SummarizeOptions {
  /** The trace's path or file name; only the file name is stored. */
  tracePath: string;
  peaks?: MachinePeaks | null;
  /** Nodes kept in the summary, slowest first. Default 10. */
  topN?: number;
  requestedProviders?: readonly ExecutionProvider[];
  /** The timed run's latencies, when the profile explains one: its pass is checked against them. */
  timedSamplesMs?: readonly number[];
  /** The timed run's p50 (no profiler), to set the device's busy time against as well. */
  timedP50Ms?: number | null;
}

const CPU = 'CPUExecutionProvider';

/**
 * What a profile's node times may be called. Host-side times of nodes on an asynchronous provider
 * are the CPU enqueueing them, never kernel time.
 */
export function timeLabelOf(breakdown: Pick<ProfileBreakdown, 'timeBase' | 'nodes'>): string {
  // CPU-fallback nodes in a device-timed profile keep their CPU time: the shares then mix both.
  if (breakdown.timeBase === 'device') return breakdown.nodes.some((n) => n.provider === CPU && n.totalMs > 0) ? 'device and CPU time' : 'device time';
  return breakdown.nodes.some((n) => n.provider !== CPU) ? 'host-side time' : 'kernel time';
}

const pct = (share: number): string => `${(share * 100).toFixed(0)} %`;

function profileNode(n: NodeBreakdown, peaks: MachinePeaks | null): ProfileNode {
  const roof = rooflinePoint(n.intensity, n.gflopsPerS, n.provider, peaks);
  return {
    name: n.name, opType: n.opType, kind: n.kind, graphNode: n.graphNode, provider: n.provider, calls: n.calls,
    meanMs: n.meanMs, share: n.share, inputs: n.inputs.map(formatTensor), outputs: n.outputs.map(formatTensor),
    flops: n.flops, bytesMoved: n.bytesMoved, costMethod: n.costMethod, gflopsPerS: n.gflopsPerS, intensity: n.intensity,
    bound: roof?.bound ?? null, roofFraction: roof?.roofFraction ?? null,
    ...(n.dispatchMs !== null ? { dispatchMs: n.dispatchMs } : {}),
  };
}

/** The provider shared by all members, or null when they ran on several. */
function soleProvider(nodes: readonly NodeBreakdown[]): string | null {
  const providers = new Set(nodes.map((n) => n.provider));
  return providers.size === 1 ? ([...providers][0] ?? null) : null;
}

interface Aggregate { share: number; gflopsPerS: number | null; intensity: number | null; provider: string | null }

function aggregate(nodes: readonly NodeBreakdown[]): Aggregate {
  const costed = nodes.filter((n) => n.flops !== null && n.bytesMoved !== null);
  const flops = costed.reduce((a, n) => a + (n.flops ?? 0) * n.calls, 0);
  const bytes = costed.reduce((a, n) => a + (n.bytesMoved ?? 0) * n.calls, 0);
  const ms = costed.reduce((a, n) => a + n.totalMs, 0);
  return {
    share: nodes.reduce((a, n) => a + n.share, 0),
    gflopsPerS: costed.length && ms > 0 ? flops / (ms * 1e6) : null,
    intensity: costed.length && bytes > 0 ? flops / bytes : null,
    provider: soleProvider(nodes),
  };
}

/**
 * Breakdown + peaks → the compact summary stored in a run record, with findings and a few
 * sentences a reviewer can read without opening the trace.
 */
export function summarizeProfile(breakdown: ProfileBreakdown, options: SummarizeOptions): ProfileSummary {
  const peaks = options.peaks ?? null;
  const topNodes = breakdown.nodes.slice(0, options.topN ?? 10).map((n) => profileNode(n, peaks));
  const opTypes: ProfileOpType[] = breakdown.opTypes.map((o) => {
    const members = breakdown.nodes.filter((n) => n.opType === o.opType);
    const roof = rooflinePoint(o.intensity, o.gflopsPerS, soleProvider(members) ?? '', peaks);
    return {
      opType: o.opType, nodes: o.nodes, calls: o.calls, msPerRun: o.msPerRun, share: o.share, flopsPerRun: o.flopsPerRun,
      gflopsPerS: o.gflopsPerS, intensity: o.intensity, bound: roof?.bound ?? null, roofFraction: roof?.roofFraction ?? null,
    };
  });
  const timeLabel = timeLabelOf(breakdown);
  const timedP50Ms = options.timedP50Ms ?? null;
  const device = breakdown.device === null ? null : {
    ...breakdown.device,
    timedP50Ms,
    busyShareOfTimedP50: timedP50Ms !== null && timedP50Ms > 0 ? breakdown.device.busyMsPerRun / timedP50Ms : null,
  };
  // Device-timed (WebGPU) profiling gives each dispatch its own pass, so its inference is slower by design.
  const profilerAllowance = breakdown.timeBase === 'device' ? 2.5 : 1.5;
  const timedRunCheck = options.timedSamplesMs ? checkAgainstTimedRun(breakdown.modelRunMedianMs, options.timedSamplesMs, profilerAllowance) : null;
  const mismatch = timedRunCheck ? timedRunMismatchFinding(timedRunCheck) : null;
  const findings = [
    ...(mismatch ? [mismatch] : []),
    ...profileFindings({
    nodes: breakdown.nodes, opTypes, topNodes, kernelCoverage: breakdown.kernelCoverage, requestedProviders: options.requestedProviders,
    timeBase: breakdown.timeBase, timeLabel, device, modelRunMeanMs: breakdown.modelRunMeanMs, runs: breakdown.runs,
  }),
  ];
  const modelOnPeaksProvider = peaks !== null && soleProvider(breakdown.nodes) === peaks.provider;
  const summary: ProfileSummary = {
    timeBase: breakdown.timeBase,
    timeLabel,
    device,
    traceFile: basename(options.tracePath),
    profiledRuns: breakdown.runs,
    skippedRuns: breakdown.skippedRuns,
    modelRunMeanMs: breakdown.modelRunMeanMs,
    kernelMsPerRun: breakdown.kernelMsPerRun,
    kernelCoverage: breakdown.kernelCoverage,
    sessionPhases: breakdown.sessionPhases,
    providers: breakdown.providers,
    flopsPerRun: breakdown.flopsPerRun,
    bytesPerRun: breakdown.bytesPerRun,
    gflopsPerS: breakdown.gflopsPerS,
    peakFraction: modelOnPeaksProvider && breakdown.gflopsPerS !== null ? breakdown.gflopsPerS / peaks.computeGflopsPerS : null,
    memory: breakdown.memory,
    peaks,
    topNodes,
    opTypes,
    findings,
    summary: '',
    ...(timedRunCheck ? { timedRunCheck } : {}),
  };
  summary.summary = writtenSummary(breakdown, summary, peaks);
  return ProfileSummarySchema.parse(summary);
}

function writtenSummary(breakdown: ProfileBreakdown, s: ProfileSummary, peaks: MachinePeaks | null): string {
  const sentences: string[] = [];
  const kinds = new Map<string, NodeBreakdown[]>();
  for (const n of breakdown.nodes) kinds.set(n.kind, [...(kinds.get(n.kind) ?? []), n]);
  const ranked = [...kinds].map(([kind, nodes]) => ({ kind, nodes, agg: aggregate(nodes) })).sort((a, b) => b.agg.share - a.agg.share);
  const kindPhrases = ranked.slice(0, 2).map(({ kind, nodes, agg }) => {
    const what = nodes.length === 1 ? `${kind} node ${nodes[0]?.name}` : `${nodes.length} ${kind} nodes`;
    const roof = rooflinePoint(agg.intensity, agg.gflopsPerS, agg.provider ?? '', peaks);
    const run = `run${nodes.length === 1 ? 's' : ''}`;
    const roofName = `the measured ${roof?.bound === 'memory' ? 'bandwidth' : 'compute'} roof`;
    // Above 1 the data stayed in cache, which the DRAM-bandwidth roof does not model.
    const speed = !roof ? '' : roof.roofFraction > 1 ? ` and ${run} above ${roofName} (from cache)` : ` and ${run} at ${pct(roof.roofFraction)} of ${roofName}`;
    return `${what} take${nodes.length === 1 ? 's' : ''} ${pct(agg.share)} of ${s.timeLabel ?? 'kernel time'}${speed}`;
  });
  if (kindPhrases.length) sentences.push(`${kindPhrases.join('; ')}.`);
  if (s.device) {
    const d = s.device;
    const ofRun = d.busyShare === null || breakdown.modelRunMeanMs === null ? '' : ` of a ${breakdown.modelRunMeanMs.toFixed(2)} ms profiled inference (${pct(d.busyShare)})`;
    const ofTimed = d.timedP50Ms === null || d.busyShareOfTimedP50 === null ? '' : `, against a ${d.timedP50Ms.toFixed(2)} ms p50 in the timed run (${pct(d.busyShareOfTimedP50)})`;
    sentences.push(`The device was busy ${d.busyMsPerRun.toFixed(2)} ms${ofRun}${ofTimed}, by its own timestamps.`);
  }
  // A FLOP total that leaves out most of the time (ops without shapes, e.g. no model given) misleads.
  const costedShare = breakdown.nodes.filter((n) => n.flops !== null).reduce((a, n) => a + n.share, 0);
  if (s.gflopsPerS !== null && s.flopsPerRun !== null && s.flopsPerRun > 0 && costedShare >= 0.5) {
    const ofPeak = s.peakFraction !== null ? ` (${pct(s.peakFraction)} of the measured ${peaks?.computeGflopsPerS.toFixed(0)} GFLOP/s peak)` : '';
    const inside = s.timeBase === 'device' ? 'in device time' : 'inside kernels';
    if (timeLabelOf(breakdown) !== 'host-side time') sentences.push(`The model does ${(s.flopsPerRun / 1e9).toFixed(3)} GFLOP per inference at ${s.gflopsPerS.toFixed(1)} GFLOP/s ${inside}${ofPeak}.`);
  }
  // A profile that does not match the timed run says so before anything drawn from it.
  const mismatch = s.findings.find((f) => f.code === 'profile-mismatch');
  if (mismatch) sentences.unshift(mismatch.message);
  for (const f of s.findings) {
    if (f.code === 'cpu-fallback' || f.code === 'memcpy' || f.code === 'layout-transform' || f.code === 'outside-kernels' || f.code === 'host-side-times') sentences.push(f.message);
  }
  return sentences.join(' ');
}
