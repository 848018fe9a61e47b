import { LabError } from '../api/errors.js';
import type { RunRecord } from '../api/run-record.js';
import { passDrop, type PassDrop } from '../evaluate/pass/pass-drop.js';
import type { ReferencePassFile } from '../evaluate/pass/pass-summary.js';
import { readPerImageFile } from '../evaluate/pass/per-image-file.js';
import type { Workspace } from '../evidence/index.js';
import path from 'node:path';

/**
 * The reference run of a drop, read through the workspace (so its record is checked against the
 * ledger like any evidence), and the side file its record names: the runner reads that file and
 * checks its SHA-256 before resampling it.
 */
export async function referencePassFile(workspace: Workspace, idOrPrefix: string, labels?: { name: string; sha256: string }): Promise<ReferencePassFile> {
  const record = await workspace.getRun(idOrPrefix);
  const pass = (record.extras as { accuracyPass?: { perImage?: { name?: unknown; sha256?: unknown }; labels?: { name?: unknown; sha256?: unknown }; decoder?: unknown } }).accuracyPass;
  // Other labels are refused here, before a single image runs; other images with the same labels, by the runner.
  if (labels && typeof pass?.labels?.sha256 === 'string' && pass.labels.sha256 !== labels.sha256) {
    throw new LabError('usage', `Run ${record.id} cannot be the reference: its labels ${String(pass.labels.name)} (SHA-256 ${pass.labels.sha256.slice(0, 12)}…) are not this pass's ${labels.name} (${labels.sha256.slice(0, 12)}…).`,
      'Give as --reference an accuracy pass over the same labelled set (same labels, same images), e.g. the FP32 model on CPU.', { field: { path: 'reference', names: [] } });
  }
  const name = pass?.perImage?.name;
  const sha256 = pass?.perImage?.sha256;
  if (typeof name !== 'string' || typeof sha256 !== 'string') {
    throw new LabError('usage', `Run ${record.id} is not an accuracy pass with per-image results, so it cannot be the reference of a drop.`, 'Give as --reference a run made by edgelab eval MODEL --labels … --decoder … on the same labelled set.', { field: { path: 'reference', names: [] } });
  }
  return { runId: record.id, file: path.join(workspace.artifactDir(record.id), path.basename(name)), sha256, decoder: pass?.decoder, inputs: record.spec.inputs };
}

function isPass(record: RunRecord): boolean {
  return typeof (record.extras as { accuracyPass?: unknown }).accuracyPass === 'object';
}

/**
 * `edgelab compare A B` on two accuracy passes: B's drop against A, by the paired bootstrap over
 * their cached per-image results (default resamples and seed); null unless both are passes.
 */
export async function accuracyDropBetween(workspace: Workspace, a: RunRecord, b: RunRecord): Promise<PassDrop | null> {
  if (!isPass(a) || !isPass(b)) return null;
  const [ra, rb] = await Promise.all([referencePassFile(workspace, a.id), referencePassFile(workspace, b.id)]);
  const [reference, variant] = await Promise.all([readPerImageFile(ra.file, ra.sha256, a.id), readPerImageFile(rb.file, rb.sha256, b.id)]);
  // Mask metrics need the class count only, which each image's counts carry.
  const classes = variant.masks?.[0]?.truth.length ?? 0;
  return passDrop(variant, reference, a.id, Array.from({ length: classes }, (_, id) => ({ id, name: String(id) })), {});
}
