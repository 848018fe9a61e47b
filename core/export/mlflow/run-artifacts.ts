import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from '../../api/errors.js';
import type { RunRecord } from '../../api/run-record.js';
import type { Workspace } from '../../evidence/index.js';
import { sha256Hex } from '../../evidence/record-file.js';
import { edgelabVersion } from '../../package-root.js';
import { renderReport } from '../../report/index.js';

export interface RunArtifact {
  /** Path under the MLflow run's artifact root. */
  path: string;
  content: Buffer;
  mediaType: string;
}

/**
 * The files an MLflow run carries: the record exactly as the ledger hashed it, the one-file HTML
 * report, ONNX Runtime's profile trace (Chrome trace JSON, opens in Perfetto) and, for an imported
 * run, the files it was imported from. A file beside the record is sent only when its SHA-256 still
 * matches the one the record holds: an edited trace is not evidence.
 */
export async function runArtifacts(workspace: Workspace, record: RunRecord, recordBytes: Buffer): Promise<RunArtifact[]> {
  const artifacts: RunArtifact[] = [{ path: 'edgelab/record.json', content: recordBytes, mediaType: 'application/json' }];
  // Dated by the run, not by the export, so exporting twice uploads the same bytes.
  const html = await renderReport('html', [record], { generatedAt: new Date(record.finishedAt), edgelabVersion: edgelabVersion(), title: `edgelab run ${record.id}` });
  artifacts.push({ path: 'edgelab/report.html', content: Buffer.from(html, 'utf8'), mediaType: 'text/html' });

  const profile = record.extras['profile'] as { traceFile?: unknown; traceSha256?: unknown } | undefined;
  if (typeof profile?.traceFile === 'string' && typeof profile.traceSha256 === 'string') {
    artifacts.push({ path: `edgelab/${profile.traceFile}`, content: await besideRecord(workspace, record.id, profile.traceFile, profile.traceSha256), mediaType: 'application/json' });
  }
  for (const file of record.origin?.files ?? []) {
    artifacts.push({ path: `edgelab/imported/${file.name}`, content: await besideRecord(workspace, record.id, file.name, file.sha256), mediaType: 'application/octet-stream' });
  }
  return artifacts;
}

async function besideRecord(workspace: Workspace, runId: string, name: string, sha256: string): Promise<Buffer> {
  const path = join(workspace.artifactDir(runId), name);
  const bytes = await readFile(path).catch((e: unknown) => {
    throw new LabError('input', `Run ${runId} names ${path}, which cannot be read: ${(e as Error).message}`, 'Restore it from version control; `edgelab runs verify` lists what is missing. Nothing was exported for this run.');
  });
  if (sha256Hex(bytes) !== sha256) {
    throw new LabError('input', `${path} was changed after run ${runId} recorded it: its SHA-256 no longer matches the record.`, 'edgelab will not export an edited file as evidence. Restore it from version control; `edgelab runs verify` lists every difference.');
  }
  return bytes;
}
