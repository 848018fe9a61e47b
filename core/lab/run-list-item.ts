import { basename } from 'node:path';
import type { RunListItem } from '../api/lab-api.js';
import type { RunSummary } from '../evidence/index.js';

/** A workspace run summary as the run list shows it. */
export function toRunListItem(run: RunSummary, hardwareLabels: ReadonlyMap<string, string>): RunListItem {
  const { pass, fail, inconclusive } = run.verdicts;
  // An output or parity check counts like a target: a failed check is a failed run to review.
  const check = run.checkVerdict ?? null;
  const verdict = fail > 0 || check === 'fail' ? 'fail' : inconclusive > 0 ? 'inconclusive' : pass > 0 || check === 'pass' ? 'pass' : 'none';
  const fingerprint = run.hardwareFingerprint;
  return {
    id: run.id,
    state: run.state,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    ...(run.label !== null ? { label: run.label } : {}),
    tags: run.tags,
    modelName: run.model?.fileName ?? basename(run.specModel.replaceAll('\\', '/')),
    modelSha256: run.model?.sha256 ?? null,
    executionProvider: run.executionProvider,
    iterations: run.sampleCount,
    p50Ms: run.p50LatencyMs,
    p99Ms: run.p99LatencyMs,
    throughputPerS: run.throughputPerS,
    verdict,
    ...(run.error !== null ? { error: run.error } : {}),
    // Labels are known for this machine only; another machine shows by its fingerprint's start.
    hardwareLabel: fingerprint === null ? null : (hardwareLabels.get(fingerprint) ?? `machine ${fingerprint.slice(0, 12)}`),
    ...(run.notVerified ? { notVerified: run.notVerified } : {}),
    ...(run.evidence === 'imported' ? { evidence: 'imported' as const } : {}),
    accelerator: run.accelerator ?? null,
    runKind: run.runKind ?? run.scenario,
    ...(run.provenance ? { provenance: run.provenance } : {}),
    ...(run.unit ? { unit: run.unit } : {}),
  };
}
