import { failureOf, evidenceKind, type RunRecord } from '../api/run-record.js';
import { acceleratorLabel, acceleratorOfRecord } from '../hardware/accelerator.js';

function acceleratorLine(record: RunRecord): string | null {
  const accelerator = acceleratorOfRecord(record);
  return accelerator ? acceleratorLabel(accelerator) : null;
}
import { checkVerdictOf, runKindOf } from './run-kind.js';

/**
 * What a list of runs shows: small enough to keep for thousands of runs without their samples.
 * Full records come from getRun.
 */
export interface RunSummary {
  id: string;
  /** Relative to the workspace, e.g. `runs/20261124T040112Z-3f9a1c.json`. */
  file: string;
  state: RunRecord['state'];
  startedAt: string;
  finishedAt: string;
  label: string | null;
  tags: string[];
  /** The model as the spec named it. */
  specModel: string;
  /** The model file as measured; null when the run failed before the file was read. */
  model: { fileName: string; path: string; sha256: string } | null;
  executionProvider: string | null;
  scenario: string;
  sampleCount: number;
  p50LatencyMs: number | null;
  p99LatencyMs: number | null;
  throughputPerS: number | null;
  verdicts: { pass: number; fail: number; inconclusive: number };
  /** The error message of a failed or cancelled run. */
  error: string | null;
  /** `hardware.fingerprint` when core/hardware recorded one. */
  hardwareFingerprint: string | null;
  /**
   * Null when the record passes the evidence check (its bytes match its line on an unbroken ledger);
   * otherwise why not. Listings show such a run marked "not verified"; no command uses it as evidence.
   */
  notVerified?: string | null;
  /** measured (edgelab ran it) or imported (read from another tool's files). */
  evidence: 'measured' | 'imported';
  /** The GPU (or other accelerator) a run on a device provider used, as one line; null for CPU runs. */
  accelerator: string | null;
  /** bench scenario, eval, parity, accuracy, pipeline or sweep (core/evidence/run-kind.ts). */
  runKind: string;
  /** The verdict of an output or parity check the run made; null when it made none. */
  checkVerdict: 'pass' | 'fail' | null;
}

export function summarizeRun(record: RunRecord, file: string): RunSummary {
  const fingerprint = record.hardware?.fingerprint;
  const base = {
    id: record.id,
    file,
    state: record.state,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    label: record.spec.label ?? null,
    tags: record.spec.tags,
    specModel: record.spec.model,
    model: record.model ? { fileName: record.model.fileName, path: record.model.path, sha256: record.model.sha256 } : null,
    scenario: record.spec.scenario.kind,
    sampleCount: record.samplesMs.length,
    hardwareFingerprint: typeof fingerprint === 'string' ? fingerprint : null,
    evidence: evidenceKind(record),
    accelerator: acceleratorLine(record),
    runKind: runKindOf(record),
    checkVerdict: checkVerdictOf(record),
  };
  if (record.state === 'completed') {
    const count = (status: string) => record.verdicts.filter((v) => v.status === status).length;
    return {
      ...base,
      executionProvider: record.executionProvider,
      p50LatencyMs: record.latencyMs.p50,
      p99LatencyMs: record.latencyMs.p99,
      throughputPerS: record.throughputPerS,
      verdicts: { pass: count('pass'), fail: count('fail'), inconclusive: count('inconclusive') },
      error: null,
    };
  }
  if (record.state === 'summary-only') {
    // The figures as the imported files state them; a percentile they do not state stays null.
    const count = (status: string) => record.verdicts.filter((v) => v.status === status).length;
    const stated = (p: number) => record.statedSummary.latencyMs.percentiles.find((q) => q.percentile === p)?.valueMs ?? null;
    return {
      ...base,
      executionProvider: record.executionProvider,
      p50LatencyMs: stated(50),
      p99LatencyMs: stated(99),
      throughputPerS: record.statedSummary.throughputPerS,
      verdicts: { pass: count('pass'), fail: count('fail'), inconclusive: count('inconclusive') },
      error: null,
    };
  }
  return {
    ...base,
    executionProvider: null,
    p50LatencyMs: null,
    p99LatencyMs: null,
    throughputPerS: null,
    // An observed run (a pipeline's log) is judged too: fps on every stream, pipeline-fps. A run
    // that stopped measured nothing to hold its targets to: each one it set is not met, so a list
    // never shows such a run as one without targets.
    verdicts: record.state === 'observed'
      ? { pass: record.verdicts.filter((v) => v.status === 'pass').length, fail: record.verdicts.filter((v) => v.status === 'fail').length, inconclusive: record.verdicts.filter((v) => v.status === 'inconclusive').length }
      : { pass: 0, fail: record.spec.targets.length, inconclusive: 0 },
    error: failureOf(record)?.message ?? null,
  };
}

/** Newest first; runs started in the same second fall back to id order, which is also time order. */
export function compareNewestFirst(a: { startedAt: string; id: string }, b: { startedAt: string; id: string }): number {
  const byTime = Date.parse(b.startedAt) - Date.parse(a.startedAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
