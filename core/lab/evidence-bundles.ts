import { resolve } from 'node:path';
import type { BundleRunsAnswer, BundleRunsRequest, MergeBundlesAnswer, MergeBundlesRequest, MergedBundleView } from '../api/evidence-bundle.js';
import type { Workspace } from '../evidence/index.js';
import type { MergeOutcome } from '../evidence/bundle/merge-bundle.js';
import { readHardware } from '../hardware/read-hardware.js';

/**
 * `runs bundle` and `runs merge` as LabApi answers them. The bundle names the machine that wrote
 * it: its hardware fingerprint and label, and its unit as this machine's hardware reading names it
 * (`edgelab hw`: label, else id). Each run keeps the unit that measured it in its own record.
 */
export async function bundleRuns(workspace: Workspace, request: BundleRunsRequest, env: NodeJS.ProcessEnv): Promise<BundleRunsAnswer> {
  // ONNX Runtime is not loaded to describe the machine: bundling measures nothing.
  const hardware = await readHardware({ onnxruntime: false }).catch(() => null);
  const unit = unitOf(hardware) ?? env['EDGELAB_UNIT_ID'] ?? null;
  const written = await workspace.bundleRuns({
    runIds: request.runs,
    all: request.all ?? false,
    ...(request.since !== undefined ? { since: request.since } : {}),
    out: resolve(request.out),
    ...(request.key !== undefined ? { key: request.key } : {}),
    hardware: { fingerprint: hardware?.fingerprint ?? null, summary: hardware?.label ?? null },
    unit,
  });
  const { manifest } = written;
  return {
    workspace: workspace.dir,
    path: written.path,
    bytes: written.bytes,
    head: manifest.head,
    since: manifest.since,
    runs: manifest.runs.map((r) => r.id),
    files: manifest.files.length,
    signed: written.signed,
    hardwareFingerprint: manifest.hardware.fingerprint,
    unit: manifest.unit,
  };
}

export async function mergeBundles(workspace: Workspace, request: MergeBundlesRequest): Promise<MergeBundlesAnswer> {
  const outcomes = await workspace.mergeBundles(request.bundles.map((b) => resolve(b)), request.allowedSigners);
  return { workspace: workspace.dir, bundles: outcomes.map(toView), head: await workspace.ledgerHead() };
}

function toView(outcome: MergeOutcome): MergedBundleView {
  return {
    bundle: outcome.bundle,
    head: outcome.head,
    mergeId: outcome.mergeId,
    signed: outcome.signature.signed,
    signedBy: outcome.signature.signedBy,
    trusted: outcome.signature.trusted,
    trust: outcome.signature.detail,
    sourceUnit: outcome.sourceUnit,
    hardwareFingerprint: outcome.hardwareFingerprint,
    since: outcome.since,
    continues: outcome.continues,
    runs: outcome.runs.map((r) => ({ id: r.id, outcome: r.action === 'add' ? 'added' : r.action === 'rename' ? 'renamed' : 'present', storedAs: r.storedAs })),
  };
}

/** The unit a newer hardware reading names (`unit.label`, else `unit.id`); read loosely so older readings simply have none. */
function unitOf(hardware: unknown): string | null {
  const unit = (hardware as { unit?: { id?: unknown; label?: unknown } | null } | null)?.unit;
  if (typeof unit?.label === 'string' && unit.label !== '') return unit.label;
  return typeof unit?.id === 'string' && unit.id !== '' ? unit.id : null;
}
