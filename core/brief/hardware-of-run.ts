import type { RunRecord } from '../api/run-record.js';
import { hardwareKindKey } from '../hardware/hardware-kind.js';
import type { IdentityFields } from '../hardware/hardware-names.js';

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * The hardware kind of the machine a run was measured on, from the identity its record carries;
 * null when the record names no machine (an import with stated hardware, a bare in-memory run).
 */
export function hardwareKindOfRun(run: RunRecord): string | null {
  const hw = asObject(run.hardware);
  const cpu = asObject(hw?.['cpu']);
  const memory = asObject(hw?.['memory']);
  const os = asObject(hw?.['os']);
  if (!hw || !cpu || !memory || !os || !Array.isArray(hw['gpus'])) return null;
  if (typeof cpu['cores'] !== 'number' || typeof memory['totalBytes'] !== 'number' || typeof os['platform'] !== 'string') return null;
  return hardwareKindKey(hw as unknown as IdentityFields);
}

export function hardwareLabelOfRun(run: RunRecord): string {
  const label = asObject(run.hardware)?.['label'];
  return typeof label === 'string' && label !== '' ? label : 'unrecorded hardware';
}
