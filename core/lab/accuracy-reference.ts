import { LabError } from '../api/errors.js';
import type { ReferencePassFile } from '../evaluate/pass/pass-summary.js';
import type { Workspace } from '../evidence/index.js';
import path from 'node:path';

/**
 * The reference run of a drop, read through the workspace (so its record is checked against the
 * ledger like any evidence), and the side file its record names: the runner reads that file and
 * checks its SHA-256 before resampling it.
 */
export async function referencePassFile(workspace: Workspace, idOrPrefix: string): Promise<ReferencePassFile> {
  const record = await workspace.getRun(idOrPrefix);
  const pass = (record.extras as { accuracyPass?: { perImage?: { name?: unknown; sha256?: unknown } } }).accuracyPass;
  const name = pass?.perImage?.name;
  const sha256 = pass?.perImage?.sha256;
  if (typeof name !== 'string' || typeof sha256 !== 'string') {
    throw new LabError('usage', `Run ${record.id} is not an accuracy pass with per-image results, so it cannot be the reference of a drop.`, 'Give as --reference a run made by edgelab eval MODEL --labels … --decoder … on the same labelled set.', { field: { path: 'reference', names: [] } });
  }
  return { runId: record.id, file: path.join(workspace.artifactDir(record.id), path.basename(name)), sha256 };
}
