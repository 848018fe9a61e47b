import { readdir } from 'node:fs/promises';
import type { RunRecord } from '../api/run-record.js';
import type { WorkspaceLayout } from './layout.js';

/**
 * How a record was made must not rest on a field a forger can delete: a trtexec import with its
 * `origin` removed would otherwise read as measured. A record that says it was measured must also
 * carry what only edgelab's own runner writes, and its run folder must hold only files it names:
 *
 * - the model file's fingerprint (edgelab inspected the model it ran);
 * - the machine as edgelab read it (a hardware fingerprint; never hardware the files merely state);
 * - the software as edgelab read it (ONNX Runtime's version, platform and architecture);
 * - its raw latency samples;
 * - no file in `runs/<id>/` that the record does not name (an import's copied files stay there).
 *
 * One that lacks any is "unverifiable as measured": verify names it and it ticks no measured item.
 * Telemetry is not required: `--no-telemetry` runs and image pipelines record none, honestly.
 */
export function measuredProblem(record: RunRecord, folderFiles: readonly string[]): string | null {
  const claim = measuredClaim(record);
  return claim === null ? null : (strayFilesProblem(record.id, claim.named, folderFiles) ?? claim.lacks);
}

/**
 * What can be judged from the record alone (so the run list caches it): null when the record does
 * not say it was measured (imported, or a run that did not complete); else what it lacks, and the
 * files it names in its run folder.
 */
export function measuredClaim(record: RunRecord): { lacks: string | null; named: string[] } | null {
  if (record.origin !== undefined || record.state !== 'completed') return null;
  const hardware = record.hardware ?? {};
  const lacks = [
    record.model === null ? 'the model fingerprint' : null,
    typeof hardware['fingerprint'] !== 'string' || !/^[0-9a-f]{64}$/.test(hardware['fingerprint']) || hardware['stated'] !== undefined ? 'the machine as edgelab read it (hardware.fingerprint)' : null,
    softwareLacks(record),
    record.samplesMs.length === 0 ? 'raw latency samples (samplesMs)' : null,
  ].filter((l): l is string => l !== null);
  return { lacks: lacks.length === 0 ? null : `it says it was measured but lacks ${lacks.join(', ')}`, named: [...namedFiles(record)] };
}

const NODE_PLATFORMS = new Set(['aix', 'android', 'darwin', 'freebsd', 'haiku', 'linux', 'openbsd', 'sunos', 'win32', 'cygwin', 'netbsd']);
const NODE_ARCHES = new Set(['arm', 'arm64', 'ia32', 'loong64', 'mips', 'mipsel', 'ppc', 'ppc64', 'riscv64', 's390', 's390x', 'x64']);

/**
 * The software as edgelab read it. ONNX Runtime names its version when it ran the model; a trtexec
 * run never loads ONNX Runtime (it says so), and carries instead what edgelab read of trtexec's run.
 */
function softwareLacks(record: Extract<RunRecord, { state: 'completed' }>): string | null {
  const { software } = record;
  // Node's own names: an import says "not stated by the imported files" here, never one of these.
  if (!NODE_PLATFORMS.has(software.platform) || !NODE_ARCHES.has(software.arch)) return 'the software as edgelab read it (software.platform, arch)';
  if (record.spec.engine?.kind === 'trtexec') {
    const trtexec = record.extras['trtexec'];
    return trtexec !== null && typeof trtexec === 'object' ? null : 'what edgelab read of its trtexec run (extras.trtexec)';
  }
  return /^\d+\.\d+/.test(software.onnxruntime) ? null : 'the software as edgelab read it (software.onnxruntime)';
}

export function strayFilesProblem(runId: string, named: readonly string[], folderFiles: readonly string[]): string | null {
  const stray = folderFiles.filter((f) => !named.includes(f));
  return stray.length === 0 ? null : `its run folder holds ${stray.map((f) => `runs/${runId}/${f}`).join(', ')}, which the record does not name (the files of an import whose origin was removed?)`;
}

/** Every file a record names in its run folder: a trace, an engine's logs and exports, an import's sources. */
export function namedFiles(record: Pick<RunRecord, 'extras' | 'origin'>): Set<string> {
  const names = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v !== '') names.add(v);
  };
  const profile = record.extras['profile'] as Record<string, unknown> | undefined;
  if (profile && typeof profile === 'object') for (const key of ['traceFile', 'profileFile', 'layerInfoFile']) add(profile[key]);
  const artifacts = record.extras['artifacts'];
  if (Array.isArray(artifacts)) for (const a of artifacts) add((a as { name?: unknown } | null)?.name);
  for (const f of record.origin?.files ?? []) add(f.name);
  return names;
}

export async function runFolderFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => !e.name.startsWith('.')).map((e) => e.name);
}

/** The run list's mark for a run that says it was measured, from what the index cached of it. */
export async function listedMeasuredProblem(layout: WorkspaceLayout, id: string, claim: { lacks: string | null; named: string[] } | null): Promise<string | null> {
  if (claim === null) return null;
  const problem = strayFilesProblem(id, claim.named, await runFolderFiles(layout.artifactDir(id))) ?? claim.lacks;
  return problem === null ? null : `unverifiable as measured: ${problem}`;
}
