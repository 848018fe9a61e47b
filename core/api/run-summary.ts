import type { RunRecord } from './run-record.js';
import type { RunProvenance } from './run-provenance.js';

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
  /** Where the run was measured: here, merged from a bundle (which one, signed by whom), or imported. */
  provenance?: RunProvenance;
  /** The unit that measured it (`hardware.unit`); absent from records written before units were read. */
  unit?: RunUnit;
}

/** A board as a record names it: serial, hashed machine id or EDGELAB_UNIT_ID, and the user's label. */
export interface RunUnit {
  id: string;
  source: 'serial' | 'machine-id' | 'env';
  label: string | null;
}

/** `edgelab runs`: which runs to list. The model is a file name, a path or a SHA-256 prefix. */
export interface RunSummaryFilter {
  model?: string;
  /** Runs carrying every one of these tags. */
  tags?: string[];
  state?: RunRecord['state'];
  /** Started at or after (ISO 8601). */
  since?: string;
  limit?: number;
}

/** The summaries a filter matched, and what a listing says beside them. */
export interface RunSummaryList {
  /** The workspace folder the runs were read from. */
  workspace: string;
  runs: RunSummary[];
  /** Run records in the workspace, matched or not: tells "none match" from "none recorded yet". */
  recorded: number;
  /** Record files left out of every listing because they fail validation, with why. */
  unreadable: Array<{ file: string; message: string }>;
}
