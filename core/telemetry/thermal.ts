import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { available, unavailable, type Reading } from './reading.js';

/** One Linux thermal zone: `type` is what the driver calls the sensor (`x86_pkg_temp`, `CPU-therm`, `acpitz`). */
export interface ThermalZone {
  zone: string;
  type: string;
  celsius: number;
}

export const DEFAULT_THERMAL_ROOT = '/sys/class/thermal';

/**
 * Temperatures from /sys/class/thermal/thermal_zone*, read asynchronously so that a slow sysfs read
 * never holds the event loop between inferences. A zone whose temp cannot be read (some ACPI zones
 * return EIO) is skipped; no readable zone at all is an unavailable reading, never 0 °C.
 */
export async function readThermalZones(root: string = DEFAULT_THERMAL_ROOT): Promise<Reading<ThermalZone[]>> {
  let entries: string[];
  try {
    entries = (await readdir(root)).filter((e) => /^thermal_zone\d+$/.test(e));
  } catch {
    return unavailable(`No thermal zones at ${root}: this kernel (or container) exposes no temperature sensors.`);
  }
  if (entries.length === 0) return unavailable(`No thermal_zone* entries under ${root}: this machine (or container) exposes no temperature sensors.`);
  entries.sort((a, b) => Number(a.slice(12)) - Number(b.slice(12)));
  const zones: ThermalZone[] = [];
  for (const zone of entries) {
    try {
      const [temp, type] = await Promise.all([readFile(join(root, zone, 'temp'), 'utf8'), readFile(join(root, zone, 'type'), 'utf8').catch(() => zone)]);
      const milli = Number(temp.trim());
      // Millidegrees by the sysfs ABI; a negative or absurd value is a sensor that is not wired up.
      if (Number.isFinite(milli) && milli > -50_000 && milli < 200_000) zones.push({ zone, type: type.trim(), celsius: milli / 1000 });
    } catch {
      continue;
    }
  }
  if (zones.length === 0) return unavailable(`None of the ${entries.length} thermal zones under ${root} could be read.`);
  return available(zones);
}
