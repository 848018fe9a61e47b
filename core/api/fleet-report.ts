import type { RunProvenance } from './run-provenance.js';

/**
 * The fleet report: every unit's newest completed run of each model, engine and precision, grouped
 * by hardware kind (the fingerprint's identity without the power mode, core/hardware/hardware-kind.ts),
 * with the unit-to-unit spread inside a kind and a flag on a unit significantly slower than its
 * siblings. One cell is one unit × model × engine/precision in one power mode and clock state, and
 * one provenance (measured here, merged from a bundle, imported), so the three never mix in a figure.
 */
export interface FleetUnit {
  /** The board's serial, a hashed machine id or EDGELAB_UNIT_ID; null for a record that names no unit. */
  id: string | null;
  label: string | null;
  source: 'serial' | 'machine-id' | 'env' | null;
  /** How the report names it: the label, else the id, else "unit not stated". */
  name: string;
}

/** Mann–Whitney U of one unit's latency samples against its siblings' pooled samples. */
export interface SiblingTest {
  /** Units in the comparison group that had samples, this one included. */
  units: number;
  statistic: number;
  z: number;
  /** One-sided: the alternative is that this unit's latency tends to be larger. */
  pValue: number;
  /** The level this p-value was held to: FLEET_ALPHA divided by the units tested in the group. */
  threshold: number;
  /** This unit's median over the pooled siblings' median. */
  medianRatio: number;
  slower: boolean;
}

export interface FleetCell {
  kindKey: string;
  kindLabel: string;
  unit: FleetUnit;
  model: string;
  modelSha256: string | null;
  /** `ONNX Runtime (cpu)`, `trtexec`, or the importing tool. */
  engine: string;
  /** trtexec's precision as set; `as the model` for ONNX Runtime, which runs the file's types. */
  precision: string;
  /** The bench scenario (single-stream, throughput …): latencies of different scenarios are not siblings. */
  scenario: string;
  /** nvpmodel's mode as the record names it, else "not stated". */
  powerMode: string;
  /** jetson_clocks: "locked", "not locked", or "not stated". */
  clocks: string;
  provenance: RunProvenance;
  /** The run whose figures the cell shows: the newest completed one. */
  runId: string;
  finishedAt: string | null;
  /** Completed runs of this cell, the shown one included. */
  runs: number;
  samples: number;
  p50Ms: number | null;
  p99Ms: number | null;
  throughputPerS: number | null;
  /** Null when the record has no energy reading (a missing sensor is a reason, never a zero). */
  joulesPerInference: number | null;
  verdict: 'pass' | 'fail' | 'inconclusive' | 'none';
  /** Null when fewer than two units of the kind ran this cell's model, engine, precision and power mode. */
  siblings: SiblingTest | null;
}

/** One model × engine/precision × power mode × clock state on one hardware kind, across its units. */
export interface FleetGroup {
  kindKey: string;
  kindLabel: string;
  model: string;
  engine: string;
  precision: string;
  scenario: string;
  powerMode: string;
  clocks: string;
  units: number;
  p50MinMs: number | null;
  p50MaxMs: number | null;
  /** (slowest p50 − fastest p50) / fastest p50, as a fraction; null with fewer than two units. */
  p50Spread: number | null;
  slowerUnits: string[];
}

export interface FleetReport {
  cells: FleetCell[];
  groups: FleetGroup[];
  /** Runs read; runs left out (failed, cancelled, no figures, failing the evidence check) with why. */
  runsConsidered: number;
  leftOut: Array<{ id: string; reason: string }>;
  alpha: number;
  method: string;
  ledgerHead: string | null;
}

/** The significance level of the sibling test, before it is divided among the units tested. */
export const FLEET_ALPHA = 0.01;

/** Fewer samples than this on either side and the sibling test is not run: its normal approximation needs them. */
export const FLEET_MIN_SAMPLES = 8;

export const FLEET_METHOD =
  'Mann–Whitney U, one-sided: is this unit\'s latency larger than its siblings\' (the other units of its hardware kind, pooled, same model, engine, precision, power mode and clock state)? Normal approximation with tie and continuity correction; α = 0.01, divided by the number of units tested in the group (Bonferroni).';

/** Which runs and how: `model` (file name, path or SHA-256 prefix) and `unit` (label or id) narrow it; `format` draws it. */
export interface FleetReportRequest {
  format?: 'md' | 'html' | 'csv' | 'json';
  model?: string;
  unit?: string;
}

export interface FleetReportResult {
  fleet: FleetReport;
  /** The report drawn in the format asked; null when none was asked (the app draws the view itself). */
  content: string | null;
  format: 'md' | 'html' | 'csv' | 'json' | null;
  signedHead: { seq: number; entryHash: string; signatureSha256: string } | null;
}
