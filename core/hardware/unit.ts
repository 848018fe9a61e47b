import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HardwareUnit } from './hardware-info.js';

/**
 * Which physical unit ran a measurement. The fingerprint names a kind of machine (two Orin NX boards
 * in one power mode share it); the unit tells the two boards apart, so a fleet report can compare
 * siblings. Read from, in order:
 * - `EDGELAB_UNIT_ID`: a CI job that names its device from the runner's registration (source `env`);
 * - the board's serial: the device-tree `serial-number` (Jetson and most ARM boards), else SMBIOS
 *   `product_serial` (x86; readable by root only on most distributions), published as the sticker
 *   on the board reads;
 * - `/etc/machine-id`, hashed with a fixed prefix: it identifies the OS installation and is meant to
 *   stay private (machine-id(5)), while a hash of it is stable and says nothing about the raw id.
 */
const MACHINE_ID_PREFIX = 'edgelab-unit-v1:';

// Firmware placeholders seen in product_serial and device trees: not a serial.
const PLACEHOLDER_SERIAL = /^(?:0+|none|n\/a|not specified|not applicable|default string|system serial number|to be filled by o\.e\.m\.|0123456789|serial)$/i;

export const UNIT_SERIAL_PATHS = [
  'proc/device-tree/serial-number',
  'sys/firmware/devicetree/base/serial-number',
  'sys/class/dmi/id/product_serial',
] as const;

/** A serial as the kernel exposes it: device-tree strings end with a NUL byte. Null for placeholders. */
export function parseSerial(text: string): string | null {
  const serial = text.replace(/\0/g, '').trim();
  if (serial.length === 0 || serial.length > 128 || PLACEHOLDER_SERIAL.test(serial)) return null;
  return serial;
}

/** machine-id(5): 32 lowercase hex digits. Anything else (an empty file of a fresh image) is no id. */
export function machineUnitId(text: string): string | null {
  const id = text.trim().toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(id) || /^0+$/.test(id)) return null;
  return `machine-${createHash('sha256').update(MACHINE_ID_PREFIX + id).digest('hex').slice(0, 16)}`;
}

export function unitLabelFrom(env: NodeJS.ProcessEnv): string | null {
  const label = env.EDGELAB_UNIT_LABEL?.trim();
  return label ? label.slice(0, 120) : null;
}

/**
 * The unit this process runs on. `root` lets a test point the reader at a recorded file tree; `env`
 * carries `EDGELAB_UNIT_ID` and `EDGELAB_UNIT_LABEL`. Null only when no source says anything.
 */
export async function readUnit(root = '/', env: NodeJS.ProcessEnv = process.env): Promise<HardwareUnit | null> {
  const label = unitLabelFrom(env);
  const fromEnv = env.EDGELAB_UNIT_ID?.trim();
  if (fromEnv) return { id: fromEnv.slice(0, 120), source: 'env', label };
  for (const path of UNIT_SERIAL_PATHS) {
    const text = await readOptional(join(root, path));
    const serial = text === null ? null : parseSerial(text);
    if (serial !== null) return { id: serial, source: 'serial', label };
  }
  for (const path of ['etc/machine-id', 'var/lib/dbus/machine-id']) {
    const text = await readOptional(join(root, path));
    const id = text === null ? null : machineUnitId(text);
    if (id !== null) return { id, source: 'machine-id', label };
  }
  return null;
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
