import type { CompletedRun, RunRecord } from '../../api/run-record.js';

/** The machine a record says it ran on (its hardware fingerprint), or null when it names none. */
export function fingerprintOf(run: RunRecord): string | null {
  const hw = run.hardware as Record<string, unknown> | null | undefined;
  const value = hw && typeof hw === 'object' ? hw['fingerprint'] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * The timed run that gives an accuracy pass its speed. A pass is untimed, so its latency is the
 * latest completed run of the same model file (SHA-256) on the same machine (hardware fingerprint)
 * that is not itself an accuracy pass. `timedRuns` is read oldest first: the last match wins. The
 * ladder's variant-tradeoff item and the tradeoff table both pair by this one rule.
 */
export function timedRunOfPass(pass: RunRecord, timedRuns: readonly CompletedRun[]): CompletedRun | null {
  const fingerprint = fingerprintOf(pass);
  if (fingerprint === null || pass.model === null) return null;
  return timedRuns.filter((t) => t.model?.sha256 === pass.model?.sha256 && fingerprintOf(t) === fingerprint && !t.spec.tags.includes('accuracy')).at(-1) ?? null;
}
