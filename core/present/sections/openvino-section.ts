import { z } from 'zod';
import { formatMs, formatPercent } from '../format-values.js';
import { tableBlock, textBlock, type ReportSection, type SectionBlock } from './report-section.js';
import { column, type Table } from '../table.js';

/**
 * What benchmark_app ran (`extras.openvino`, core/engines/openvino): OpenVINO version, the device
 * asked for and the devices used, the hint, streams and requests; and OpenVINO's per-layer
 * counters as the profile section (`extras.profile` with engine 'openvino'), each layer with the
 * implementation it ran (execType) and the ONNX nodes it stands for.
 */
const OpenvinoView = z.object({
  openvinoVersion: z.string().nullable(),
  benchmarkApp: z.string().nullable(),
  requestedDevice: z.string().nullable(),
  executionDevices: z.array(z.string()),
  fullDeviceName: z.string().nullable(),
  hint: z.string().nullable(),
  streams: z.string().nullable(),
  nireq: z.number().nullable(),
  api: z.string().nullable(),
  batch: z.number().nullable(),
  inferencePrecision: z.string().nullable(),
  perfCount: z.boolean().nullable(),
  commandLine: z.string().nullable(),
  countersFormat: z.string().nullable(),
});

const stated = (v: string | number | boolean | null) => (v === null ? 'not stated' : String(v));

export function openvinoSection(value: unknown): ReportSection | null {
  const parsed = OpenvinoView.safeParse(value);
  if (!parsed.success) return null;
  const o = parsed.data;
  const used = o.executionDevices.length > 0 ? o.executionDevices.join(', ') : 'not stated (no EXECUTION_DEVICES in the files)';
  const rows: string[][] = [
    ['OpenVINO', stated(o.openvinoVersion)],
    ['benchmark_app', stated(o.benchmarkApp)],
    ['Device asked for (-d)', stated(o.requestedDevice)],
    ['Devices used (EXECUTION_DEVICES)', used],
    ...(o.fullDeviceName ? [['Full device name', o.fullDeviceName]] : []),
    ['Performance hint', stated(o.hint)],
    ['Streams', stated(o.streams)],
    ['Infer requests', stated(o.nireq)],
    ['API', stated(o.api)],
    ['Batch', stated(o.batch)],
    ['Inference precision', stated(o.inferencePrecision)],
    ['PERF_COUNT', o.perfCount === null ? 'not stated' : o.perfCount ? 'on' : 'off'],
    ['Per-layer counters', stated(o.countersFormat)],
  ];
  const blocks: SectionBlock[] = [
    textBlock('OpenVINO\'s benchmark_app ran this model on a machine edgelab did not see; the figures are as its files state them.'),
    tableBlock({ columns: [column('Setting'), column('As stated')], rows }),
  ];
  if (o.commandLine) blocks.push({ kind: 'lines', items: [`Command: ${o.commandLine}`] });
  return { key: 'openvino', title: 'OpenVINO benchmark_app', blocks };
}

const Layers = z.array(z.object({
  name: z.string(), layerType: z.string(), execType: z.string(), precision: z.string().nullable(), device: z.string(),
  averageMs: z.number(), share: z.number(), graphNodes: z.array(z.string()),
}));
const Profile = z.object({
  summary: z.string(), traceFile: z.string(), execGraphFile: z.string().nullable(), profiledRuns: z.number(), kernelMsPerRun: z.number(),
  placedShare: z.number().nullable(), layers: Layers,
  findings: z.array(z.object({ code: z.string(), message: z.string(), advice: z.string() })),
  opTypes: z.array(z.object({ opType: z.string(), nodes: z.number(), msPerRun: z.number(), share: z.number() })),
});

function layerTable(layers: z.infer<typeof Layers>): Table {
  const ranked = [...layers].sort((a, b) => b.share - a.share).slice(0, 15);
  return {
    columns: [column('Layer'), column('Type'), column('Exec type'), column('Precision'), column('Mean ms', 'right'), column('Share', 'right'), column('Model nodes')],
    rows: ranked.map((l) => [l.name, l.layerType, l.execType, l.precision ?? '–', formatMs(l.averageMs), formatPercent(l.share), l.graphNodes.join(', ') || '–']),
  };
}

export function openvinoProfileSection(value: unknown): ReportSection | null {
  const parsed = Profile.safeParse(value);
  if (!parsed.success) return null;
  const p = parsed.data;
  const placed = p.placedShare === null ? 'No model given: the layers are not placed on a graph.' : `${formatPercent(p.placedShare)} of layer time placed on the model's nodes${p.execGraphFile ? ` (through ${p.execGraphFile}'s originalLayersNames)` : ' (by layer name; no execution graph given)'}.`;
  const blocks: SectionBlock[] = [
    textBlock(p.summary),
    { kind: 'lines', items: [
      `Counters: ${p.traceFile}, beside the run record; ${p.profiledRuns} block${p.profiledRuns === 1 ? '' : 's'}. Layer time per inference: ${formatMs(p.kernelMsPerRun)} ms, as OpenVINO's counters state it (realTime).`,
      placed,
    ] },
  ];
  if (p.findings.length > 0) blocks.push({ kind: 'findings', caption: 'Findings', items: p.findings.map(({ code, message, advice }) => ({ code, message, advice })) });
  blocks.push(
    tableBlock({ columns: [column('Layer type'), column('Layers', 'right'), column('ms/run', 'right'), column('Share', 'right')], rows: p.opTypes.map((o) => [o.opType, String(o.nodes), formatMs(o.msPerRun), formatPercent(o.share)]) }, 'Time by layer type', 'Executed layers only; fused layers (NOT_RUN) are inside the layer they were fused into.'),
    tableBlock(layerTable(p.layers), 'Top layers', 'Exec type is the implementation the plugin ran; its suffix is the precision it ran in (I8, FP32, BF16…).'),
  );
  return { key: 'profile', title: 'Profile (OpenVINO counters)', blocks };
}
