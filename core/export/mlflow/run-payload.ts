import { failureOf, type RunRecord } from '../../api/run-record.js';
import type { TradeoffFields } from '../../tradeoff/tradeoff-fields.js';
import { runIdentity, runMetrics, runParams } from '../run-fields.js';
import type { MlflowKeyValue, MlflowMetric, MlflowRunStatus } from './rest-client.js';

/** The tag that finds a run already exported (runs/search), so no run is sent twice. */
export const EDGELAB_RUN_ID_TAG = 'edgelab.run_id';
/** Set by the last call of an export: a run without it was cut off and is exported again. */
export const EXPORT_COMPLETE_TAG = 'edgelab.export';
/** The per-iteration latency series, one value per timed iteration, step = iteration number (1 = the first timed one, as in the DVC plots). */
export const LATENCY_SERIES_KEY = 'latency_ms';

// MLflow guarantees param values up to 500 bytes on every store (6000 on current servers), tag
// values up to 5000 and keys up to 250; longer values are cut with a pointer to the full record.
const PARAM_VALUE_MAX = 500;
const TAG_VALUE_MAX = 5000;
const KEY_MAX = 250;

export interface RunProvenance {
  /** SHA-256 of the record file's bytes, as its ledger line holds it. */
  recordSha256: string;
  /** entryHash of the record's ledger line: it chains to every record written before it. */
  ledgerEntryHash: string | null;
  /** The ledger's head when the export ran. */
  ledgerHead: string | null;
  /** The signed head (`runs sign-head`), when the workspace holds one. */
  signedHead?: string | null;
  edgelabVersion: string;
}

export interface MlflowRunPayload {
  runName: string;
  startTimeMs: number;
  endTimeMs: number;
  status: MlflowRunStatus;
  /** Sent with runs/create, so the run is findable by its edgelab id from its first moment. */
  createTags: MlflowKeyValue[];
  params: MlflowKeyValue[];
  tags: MlflowKeyValue[];
  metrics: MlflowMetric[];
}

/**
 * One edgelab run record as an MLflow run: params from its RunSpec, scalar metrics, the latency of
 * every timed iteration as a series with steps, and tags that tie it back to the record and the
 * ledger. Pure: the same record and provenance always give the same payload.
 */
export function mlflowRunPayload(record: RunRecord, provenance: RunProvenance, tradeoff?: TradeoffFields): MlflowRunPayload {
  const identity = runIdentity(record);
  const startTimeMs = Date.parse(record.startedAt);
  const endTimeMs = Date.parse(record.finishedAt);
  // Every value is logged at the time the run finished: the record holds no wall time per iteration.
  const timestamp = Number.isFinite(endTimeMs) ? endTimeMs : startTimeMs;
  // A variant's tradeoff row goes with both its runs: the figures as metrics, the flag and the stated price as tags.
  const scalars: MlflowMetric[] = [...runMetrics(record), ...(tradeoff?.metrics ?? [])].map(({ key, value }) => ({ key: key.slice(0, KEY_MAX), value, timestamp, step: 0 }));
  const series: MlflowMetric[] = record.samplesMs.map((value, i) => ({ key: LATENCY_SERIES_KEY, value, timestamp, step: i + 1 }));

  const tags: Array<[string, string | null | undefined]> = [
    ['edgelab.state', record.state],
    ['edgelab.evidence', identity.evidence],
    ['edgelab.model_sha256', identity.modelSha256],
    ['edgelab.hardware_fingerprint', identity.hardwareFingerprint],
    ['edgelab.hardware', identity.hardwareLabel],
    ['edgelab.record_sha256', provenance.recordSha256],
    ['edgelab.ledger_entry', provenance.ledgerEntryHash],
    ['edgelab.ledger_head', provenance.ledgerHead],
    ['edgelab.signed_head', provenance.signedHead],
    ['edgelab.verdict', identity.verdict],
    ['edgelab.version', provenance.edgelabVersion],
    ['edgelab.tags', record.spec.tags.join(',')],
    ['edgelab.imported_from', record.origin?.tool],
    ['edgelab.error', record.state === 'summary-only' ? null : failureOf(record)?.message],
    // MLflow's UI shows this tag as the run's description.
    ['mlflow.note.content', record.spec.notes],
    ['mlflow.source.name', 'edgelab'],
    ...(tradeoff?.tags ?? []).map((t): [string, string] => [`edgelab.${t.key}`, t.value]),
  ];
  if (record.state === 'completed' || record.state === 'summary-only' || record.state === 'observed') {
    record.verdicts.forEach((v, i) => {
      const observed = v.observedValue === null ? 'no value' : `${v.observedValue} ${v.unit}`;
      tags.push([`edgelab.target.${i + 1}`, `${v.target}: ${v.status} (observed ${observed}; ${v.method})`]);
    });
  }

  return {
    runName: identity.label,
    startTimeMs,
    endTimeMs,
    status: record.state === 'completed' || record.state === 'summary-only' || record.state === 'observed' ? 'FINISHED' : record.state === 'cancelled' ? 'KILLED' : 'FAILED',
    createTags: [{ key: EDGELAB_RUN_ID_TAG, value: record.id }],
    params: runParams(record).map(({ key, value }) => ({ key: key.slice(0, KEY_MAX), value: cut(String(value), PARAM_VALUE_MAX) })),
    tags: tags.filter((t): t is [string, string] => typeof t[1] === 'string' && t[1] !== '').map(([key, value]) => ({ key, value: cut(value, TAG_VALUE_MAX) })),
    metrics: [...scalars, ...series],
  };
}

/** The MLflow search filter that finds the export of one edgelab run. */
export function runIdFilter(runId: string): string {
  // Search syntax: a key with dots is quoted in backticks, a string value in single quotes.
  return `tags.\`${EDGELAB_RUN_ID_TAG}\` = '${runId.replace(/'/g, "\\'")}'`;
}

function cut(value: string, max: number): string {
  if (Buffer.byteLength(value, 'utf8') <= max) return value;
  const note = '… (cut; full value in edgelab/record.json)';
  let out = value.slice(0, max - note.length);
  while (Buffer.byteLength(out + note, 'utf8') > max) out = out.slice(0, -1);
  return out + note;
}
