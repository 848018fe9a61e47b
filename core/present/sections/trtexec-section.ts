import { z } from 'zod';
import type { RunRecord } from '../../api/run-record.js';
import { formatDurationMs, formatMs, shortHash } from '../format-values.js';
import { tableBlock, type ReportSection } from './report-section.js';
import { column } from '../table.js';

/**
 * What trtexec measured (`extras.trtexec`, written by core/engines/trtexec): the engine and device,
 * what the latency includes, and the per-iteration series beside it (GPU compute, H2D, D2H,
 * enqueue). Read loosely, as every section is, so an older record falls back to the generic table.
 */
const stats = z.object({ mean: z.number(), p50: z.number(), p99: z.number(), max: z.number() });
const TrtexecView = z.object({
  tensorrtVersion: z.string().nullable(),
  device: z.string().nullable(),
  computeCapability: z.string().nullable(),
  precision: z.string().nullable(),
  dlaCore: z.number().nullable(),
  hostDeviceCopiesIncluded: z.boolean().nullable(),
  cudaGraph: z.boolean().nullable(),
  spinWait: z.boolean().nullable(),
  engineBuildMs: z.number().nullable(),
  engineLoadMs: z.number().nullable(),
  commandLine: z.string().nullable(),
  loggedStart: z.string().nullable().optional(),
  executablePath: z.string().optional(),
  telemetryCovers: z.string().optional(),
  /** Absent when only the log was imported: its stage figures are then in the stated summary. */
  seriesSummaryMs: z.object({ computeMs: stats, h2dMs: stats, d2hMs: stats, enqueueMs: stats }).optional(),
});

const onOff = (v: boolean | null) => (v === null ? 'not stated' : v ? 'on' : 'off');

export function trtexecSection(value: unknown): ReportSection | null {
  const parsed = TrtexecView.safeParse(value);
  if (!parsed.success) return null;
  const t = parsed.data;
  const device = [t.device ?? 'a device not stated by the files', t.computeCapability ? `compute capability ${t.computeCapability}` : null].filter(Boolean).join(', ');
  const copies = t.hostDeviceCopiesIncluded === null
    ? 'Whether the latency includes the host↔device copies is not stated in the files.'
    : t.hostDeviceCopiesIncluded
      ? 'Latency is end-to-end per iteration: host→device copy of the inputs, GPU compute, device→host copy of the outputs.'
      : 'Latency is GPU compute only: trtexec ran without host↔device copies (--noDataTransfers; the default from TensorRT 11), so moving inputs and outputs is not in it.';
  const cold = [t.engineBuildMs !== null ? `engine build ${formatDurationMs(t.engineBuildMs)}` : null, t.engineLoadMs !== null ? `engine load ${formatDurationMs(t.engineLoadMs)}` : null].filter(Boolean);
  const lines = [
    `TensorRT ${t.tensorrtVersion ?? '(version not stated)'} trtexec on ${device}; precision ${t.precision ?? 'not stated'}${t.dlaCore !== null ? `, DLA core ${t.dlaCore} with GPU fallback` : ''}.`,
    copies,
    `CUDA graph ${onOff(t.cudaGraph)}, spin-wait ${onOff(t.spinWait)}. trtexec feeds the same input buffers every iteration (as --input-pool 1 does).`,
    `Cold start: ${cold.length > 0 ? cold.join(', ') : 'not stated'}; trtexec does not time the first inference apart.`,
  ];
  if (t.commandLine) lines.push(`Command: ${t.commandLine}`);
  if (t.loggedStart) lines.push(`The log begins at ${t.loggedStart} (that machine's local time).`);
  if (t.telemetryCovers) lines.push(`Telemetry covers ${t.telemetryCovers}.`);
  const s = t.seriesSummaryMs;
  const row = (name: string, x: z.infer<typeof stats>) => [name, formatMs(x.mean), formatMs(x.p50), formatMs(x.p99), formatMs(x.max)];
  if (!s) return { key: 'trtexec', title: 'TensorRT (trtexec)', blocks: [{ kind: 'lines', items: lines }] };
  return {
    key: 'trtexec',
    title: 'TensorRT (trtexec)',
    blocks: [
      { kind: 'lines', items: lines },
      tableBlock(
        {
          columns: [column('Per iteration'), column('mean ms', 'right'), column('p50 ms', 'right'), column('p99 ms', 'right'), column('max ms', 'right')],
          rows: [row('GPU compute', s.computeMs), row('H2D copy', s.h2dMs), row('D2H copy', s.d2hMs), row('Enqueue (host)', s.enqueueMs)],
        },
        'Stages of each timed iteration, from trtexec --exportTimes',
        'Enqueue is host time to submit the work; it overlaps the GPU\'s. A copy of 0 ms means none was made.',
      ),
    ],
  };
}

const Artifacts = z.array(z.object({ role: z.string(), name: z.string(), sha256: z.string() }));

/** Files kept beside the record (`extras.artifacts`): each named with the SHA-256 `runs verify` checks. */
export function artifactsSection(value: unknown): ReportSection | null {
  const parsed = Artifacts.safeParse(value);
  if (!parsed.success || parsed.data.length === 0) return null;
  return {
    key: 'artifacts',
    title: 'Files beside the record',
    blocks: [tableBlock({ columns: [column('File'), column('What'), column('sha256')], rows: parsed.data.map((f) => [f.name, f.role, shortHash(f.sha256)]) }, undefined, '`edgelab runs verify` checks each against this hash.')],
  };
}

/** An imported run says so first: who measured it, from which files, on what machine as they state it. */
export function originSection(run: RunRecord): ReportSection | null {
  const o = run.origin;
  if (!o) return null;
  return {
    key: 'origin',
    title: 'Imported evidence',
    blocks: [
      {
        kind: 'lines',
        items: [
          `Imported from ${o.tool}'s files on ${o.importedAt.slice(0, 10)}: edgelab did not run this measurement, and imported runs never check a measured ladder item.`,
          o.statedHardware ? `Hardware as stated: ${o.statedHardware}.` : 'Hardware: not stated by the imported files.',
        ],
      },
      tableBlock({ columns: [column('File'), column('What'), column('sha256')], rows: o.files.map((f) => [f.name, f.role, shortHash(f.sha256)]) }, 'Imported files, kept beside the record'),
    ],
  };
}
