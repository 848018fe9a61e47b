import type { LayerDetail, LayerInfo } from './layer-info.js';
import type { LayerProfile } from './layer-profile.js';

/**
 * TensorRT's per-layer profile as the run record's profile section (`extras.profile`). It has the
 * fields reports and the ladder read from an ONNX Runtime profile (topNodes, opTypes, providers,
 * findings, summary, traceFile), so both engines are read the same way, plus what only TensorRT
 * says: each layer's kind (a real layer, a reformat, a copy between GPU and DLA), its precision and
 * where it ran. Times are the GPU's own per-layer times from a profiled pass separate from the timed
 * one: the profiler's synchronisation would otherwise slow the timed iterations.
 */
export type LayerKind = 'layer' | 'reformat' | 'copy' | 'dla-transfer';

export interface ProfiledLayer {
  name: string;
  kind: LayerKind;
  /** TensorRT's layer type from --exportLayerInfo; null when that file was not given or is not detailed. */
  layerType: string | null;
  precision: string | null;
  device: 'GPU' | 'DLA';
  averageMs: number;
  medianMs: number | null;
  /** Share of all layer time, 0..1. */
  share: number;
  inputs: string[];
  outputs: string[];
}

export interface TrtexecFinding {
  code: 'top-nodes' | 'dominant-layer' | 'reformat' | 'dla-fallback' | 'dla-transfer';
  message: string;
  advice: string;
  share: number | null;
  nodes: string[];
}

const TOP_NODES = 10;
const DOMINANT_SHARE = 0.3;
const REFORMAT_SHARE = 0.1;

// Reformat layers convert between tensor layouts or precisions: `Reformatting CopyNode for Input
// Tensor 0 to …` (TensorRT 8+), `… input reformatter 0` / `… output reformatter 1` (TensorRT 7).
const REFORMAT = /Reformatting CopyNode|\breformatter\b|to be reformatted/i;
// Xavier's DLA moves data through its own memory: `data to nvm`, `… from nvm`, `… copy finish`.
const DLA_TRANSFER = /\bto nvm\b|\bfrom nvm\b|\bcopy finish\b/i;
const COPY = /\bcopy\b/i;

export function layerKind(name: string, layerType: string | null): LayerKind {
  if (DLA_TRANSFER.test(name)) return 'dla-transfer';
  if (layerType === 'Reformat' || REFORMAT.test(name)) return 'reformat';
  if (COPY.test(name)) return 'copy';
  return 'layer';
}

/**
 * Where a layer ran. The detailed layer info says so; without it, a layer named as a `{a,b,c}` block
 * (how TensorRT names a subgraph it hands to a DLA) is on the DLA when the run asked for one, or
 * when it is the TensorRT 7 form (which names no ForeignNode).
 */
function deviceOf(name: string, detail: LayerDetail | undefined, dlaRequested: boolean): 'GPU' | 'DLA' {
  if (detail?.layerType) return detail.device;
  if (!name.startsWith('{')) return 'GPU';
  return dlaRequested || !name.startsWith('{ForeignNode') ? 'DLA' : 'GPU';
}

export function profiledLayers(profile: LayerProfile, info: LayerInfo | null, dlaRequested: boolean): ProfiledLayer[] {
  const details = new Map((info?.layers ?? []).map((l) => [l.name, l]));
  const total = profile.layers.reduce((sum, l) => sum + l.timeMs, 0);
  return profile.layers.map((l) => {
    const detail = details.get(l.name);
    const kind = layerKind(l.name, detail?.layerType ?? null);
    // The block's own output reformatter waits for the DLA to finish, so it sits with the DLA block.
    const device = kind === 'reformat' && l.name.startsWith('{') ? 'GPU' : deviceOf(l.name, detail, dlaRequested);
    return {
      name: l.name,
      kind,
      layerType: detail?.layerType ?? null,
      precision: detail?.precision ?? null,
      device,
      averageMs: l.averageMs,
      medianMs: l.medianMs,
      share: total > 0 ? l.timeMs / total : l.percentage / 100,
      inputs: detail?.inputs ?? [],
      outputs: detail?.outputs ?? [],
    };
  });
}

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
const shortName = (name: string) => (name.length > 90 ? `${name.slice(0, 60)}…${name.slice(-25)}` : name);

export function layerFindings(layers: readonly ProfiledLayer[], dlaRequested: boolean): TrtexecFinding[] {
  const ranked = [...layers].sort((a, b) => b.share - a.share);
  const findings: TrtexecFinding[] = [];
  const top = ranked.slice(0, 3);
  findings.push({
    code: 'top-nodes',
    message: `The top ${top.length} layers take ${pct(top.reduce((s, l) => s + l.share, 0))} of layer time: ${top.map((l) => `${shortName(l.name)} (${pct(l.share)})`).join('; ')}.`,
    advice: 'Start with these layers: their precision, their tactic (--exportLayerInfo with --profilingVerbosity=detailed names it) and whether a neighbouring layer could be fused into them.',
    share: top.reduce((s, l) => s + l.share, 0),
    nodes: top.map((l) => l.name),
  });
  const first = ranked[0];
  if (first && first.share >= DOMINANT_SHARE) {
    const waitsForDla = first.kind === 'reformat' && layers.some((l) => l.device === 'DLA');
    findings.push({
      code: 'dominant-layer',
      message: `One layer dominates: ${shortName(first.name)} takes ${pct(first.share)} of layer time${first.kind === 'layer' ? '' : ` and it is a ${first.kind}, not compute`}.`,
      advice: waitsForDla
        ? 'A reformat after a DLA block is where the GPU waits for the DLA: its time is the DLA\'s work plus the hand-over. Compare with a GPU-only build (no --dla) to see what the DLA costs in latency and saves in GPU time.'
        : 'Look at this layer first: its precision and tactic (layer info), and whether its shape suits the hardware (channel counts that are multiples of 8 for FP16 Tensor Cores, 32 for INT8).',
      share: first.share,
      nodes: [first.name],
    });
  }
  const reformats = layers.filter((l) => l.kind === 'reformat');
  const reformatShare = reformats.reduce((s, l) => s + l.share, 0);
  if (reformatShare >= REFORMAT_SHARE) {
    findings.push({
      code: 'reformat',
      message: `${reformats.length} reformat layers take ${pct(reformatShare)} of layer time: TensorRT converts layouts or precisions between layers that disagree.`,
      advice: 'Reformats appear where precisions mix (an FP32 layer between FP16 ones), at DLA/GPU boundaries and at the network inputs/outputs. Build with matching I/O formats (trtexec --inputIOFormats/--outputIOFormats, e.g. fp16:chw) and keep whole runs of layers in one precision.',
      share: reformatShare,
      nodes: reformats.sort((a, b) => b.share - a.share).slice(0, 10).map((l) => l.name),
    });
  }
  const onDla = layers.filter((l) => l.device === 'DLA');
  if (dlaRequested || onDla.length > 0) {
    const gpuCompute = layers.filter((l) => l.device === 'GPU' && l.kind === 'layer');
    const gpuShare = gpuCompute.reduce((s, l) => s + l.share, 0);
    if (gpuCompute.length > 0) {
      findings.push({
        code: 'dla-fallback',
        message: `${gpuCompute.length} of ${layers.filter((l) => l.kind === 'layer').length} compute layers ran on the GPU, not the DLA (${pct(gpuShare)} of layer time): the DLA does not support them, or GPU fallback was chosen for them.`,
        advice: 'Run trtexec with --verbose to see why each layer fell back (unsupported op, shape or precision on DLA); the DLA takes FP16 and INT8 only. Every GPU↔DLA boundary costs a reformat and a synchronisation, so one long DLA block beats several short ones.',
        share: gpuShare,
        nodes: gpuCompute.sort((a, b) => b.share - a.share).slice(0, 10).map((l) => l.name),
      });
    }
    const transfers = layers.filter((l) => l.kind === 'dla-transfer');
    const transferShare = transfers.reduce((s, l) => s + l.share, 0);
    if (transfers.length > 0) {
      findings.push({
        code: 'dla-transfer',
        message: `Moving data to and from the DLA takes ${pct(transferShare)} of layer time (${transfers.length} transfer layers).`,
        advice: 'Fewer GPU↔DLA boundaries mean fewer transfers: keep the DLA part of the network contiguous.',
        share: transferShare,
        nodes: transfers.map((l) => l.name),
      });
    }
  }
  return findings;
}

export interface TrtexecProfileSummary {
  engine: 'trtexec';
  /** The --exportProfile file beside the record (covered by traceSha256, as a trace is). */
  traceFile: string;
  traceSha256: string;
  layerInfoFile: string | null;
  profiledRuns: number;
  skippedRuns: number;
  modelRunMeanMs: null;
  kernelMsPerRun: number;
  kernelCoverage: null;
  sessionPhases: [];
  providers: { provider: string; nodes: number; share: number }[];
  flopsPerRun: null;
  bytesPerRun: null;
  gflopsPerS: null;
  peakFraction: null;
  memory: { parameterBytes: null; largestOutputBytes: null; outputBytesPerRun: null; peakInUseBytes: null; arenaHeldBytes: null };
  peaks: null;
  topNodes: unknown[];
  opTypes: unknown[];
  layers: ProfiledLayer[];
  findings: TrtexecFinding[];
  summary: string;
}

export function trtexecProfileSummary(
  profile: LayerProfile,
  info: LayerInfo | null,
  files: { profileFile: string; profileSha256: string; layerInfoFile: string | null },
  dlaRequested: boolean,
): TrtexecProfileSummary {
  const layers = profiledLayers(profile, info, dlaRequested);
  const ranked = [...layers].sort((a, b) => b.share - a.share);
  const layerMsPerRun = layers.reduce((s, l) => s + l.averageMs, 0);
  const groupOf = (l: ProfiledLayer) => (l.kind === 'layer' ? l.layerType ?? (l.device === 'DLA' ? 'DLA subgraph' : 'layer (type not exported)') : l.kind === 'reformat' ? 'Reformat' : l.kind === 'copy' ? 'Copy' : 'DLA transfer');
  const groups = new Map<string, ProfiledLayer[]>();
  for (const l of layers) groups.set(groupOf(l), [...(groups.get(groupOf(l)) ?? []), l]);
  const opTypes = [...groups.entries()]
    .map(([opType, ls]) => ({
      opType, nodes: ls.length, calls: ls.length * profile.iterations, msPerRun: ls.reduce((s, l) => s + l.averageMs, 0), share: ls.reduce((s, l) => s + l.share, 0),
      flopsPerRun: null, gflopsPerS: null, intensity: null, bound: null, roofFraction: null,
    }))
    .sort((a, b) => b.share - a.share);
  const devices = (['GPU', 'DLA'] as const)
    .map((d) => ({ provider: d, nodes: layers.filter((l) => l.device === d).length, share: layers.filter((l) => l.device === d).reduce((s, l) => s + l.share, 0) }))
    .filter((d) => d.nodes > 0);
  const topNodes = ranked.slice(0, TOP_NODES).map((l) => ({
    name: l.name, opType: l.layerType ?? groupOf(l), kind: l.kind, graphNode: null, provider: l.device, calls: profile.iterations,
    meanMs: l.averageMs, medianMs: l.medianMs, precision: l.precision, share: l.share, inputs: l.inputs, outputs: l.outputs,
    flops: null, bytesMoved: null, costMethod: null, gflopsPerS: null, intensity: null, bound: null, roofFraction: null,
  }));
  const top = ranked[0]!;
  const placement = devices.map((d) => `${d.provider} ${(d.share * 100).toFixed(1)} %`).join(', ');
  return {
    engine: 'trtexec',
    traceFile: files.profileFile,
    traceSha256: files.profileSha256,
    layerInfoFile: files.layerInfoFile,
    profiledRuns: profile.iterations,
    skippedRuns: 0,
    modelRunMeanMs: null,
    kernelMsPerRun: layerMsPerRun,
    kernelCoverage: null,
    sessionPhases: [],
    providers: devices,
    flopsPerRun: null,
    bytesPerRun: null,
    gflopsPerS: null,
    peakFraction: null,
    memory: { parameterBytes: null, largestOutputBytes: null, outputBytesPerRun: null, peakInUseBytes: null, arenaHeldBytes: null },
    peaks: null,
    topNodes,
    opTypes,
    layers,
    findings: layerFindings(layers, dlaRequested),
    summary: `TensorRT layer profile over ${profile.iterations} profiled iterations: ${layers.length} layers, ${layerMsPerRun.toFixed(3)} ms of layer time per inference (${placement}). The largest is ${shortName(top.name)} with ${pct(top.share)}.`,
  };
}
