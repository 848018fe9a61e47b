import { failureOf, evidenceKind, type RunRecord } from '../api/run-record.js';
import type { RunSummary, RunUnit } from '../api/run-summary.js';
import { unitOf } from '../hardware/hardware-kind.js';
import { acceleratorLabel, acceleratorOfRecord } from '../hardware/accelerator.js';

function acceleratorLine(record: RunRecord): string | null {
  const accelerator = acceleratorOfRecord(record);
  return accelerator ? acceleratorLabel(accelerator) : null;
}
import { checkVerdictOf, runKindOf } from './run-kind.js';

export type { RunSummary } from '../api/run-summary.js';

function unitField(record: RunRecord): { unit?: RunUnit } {
  const unit = unitOf(record.hardware);
  return unit ? { unit } : {};
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
    ...unitField(record),
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
