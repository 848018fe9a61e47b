import type { RunRecord } from '../api/run-record.js';
import { hardwareKindKey, hardwareKindLabel } from '../hardware/hardware-kind.js';

const UNKNOWN = 'unknown hardware';

/**
 * The hardware kind of the machine a run was measured on, from the identity its record carries;
 * null when the record names no machine (an import with stated hardware, a bare in-memory run).
 */
export function hardwareKindOfRun(run: RunRecord): string | null {
  const kind = hardwareKindKey(run.hardware);
  return kind === UNKNOWN ? null : kind;
}

/** The kind's name for a reader (no power mode: the price is the board's, whatever mode it runs in). */
export function hardwareLabelOfRun(run: RunRecord): string {
  return hardwareKindOfRun(run) === null ? 'unrecorded hardware' : hardwareKindLabel(run.hardware);
}
