import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { available, unavailable, type Reading } from './reading.js';

/**
 * RAPL energy counters as Linux exposes them under /sys/class/powercap: `intel-rapl:0` is a CPU
 * package (name `package-0`), `intel-rapl:0:N` its subdomains (`core`, `uncore`, `dram`), and on
 * some laptops `intel-rapl:1` is the whole platform (`psys`). AMD Zen uses the same driver and names
 * since Linux 5.8. The counters are cumulative microjoules that wrap at `max_energy_range_uj`.
 */
export interface RaplDomain {
  /** The sysfs entry, e.g. `intel-rapl:0:2`. */
  id: string;
  /** What the kernel calls the domain: `package-0`, `core`, `uncore`, `dram`, `psys`. */
  name: string;
  /** The package a subdomain belongs to (`intel-rapl:0` for `intel-rapl:0:2`), null for a top domain. */
  parentId: string | null;
  energyUj: number;
  maxEnergyRangeUj: number;
}

export interface RaplEnergy {
  id: string;
  name: string;
  energyUj: number;
  /** True when the counter passed its range between the two readings and the delta was unwrapped. */
  wrapped: boolean;
}

export const DEFAULT_POWERCAP_ROOT = '/sys/class/powercap';

// `intel-rapl-mmio:N` repeats the package counter through another interface on recent Intel chips;
// counting it too would double the package energy, so only the MSR-backed tree is read.
const DOMAIN_ENTRY = /^intel-rapl:(\d+)(?::(\d+))?$/;

export async function readRaplDomains(root: string = DEFAULT_POWERCAP_ROOT): Promise<Reading<RaplDomain[]>> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      return unavailable(
        `No powercap interface at ${root}: RAPL energy counters need Linux with the intel_rapl driver (Intel CPUs, or AMD Zen on Linux 5.8 and later).`,
      );
    }
    return unavailable(`Cannot list ${root}: ${errorMessage(error)}`);
  }

  const ids = entries.filter((entry) => DOMAIN_ENTRY.test(entry)).sort(compareDomainIds);
  if (ids.length === 0) {
    return unavailable(`No RAPL domains (intel-rapl:N) under ${root}: this CPU or kernel exposes no RAPL energy counters.`);
  }

  const domains: RaplDomain[] = [];
  for (const id of ids) {
    const dir = join(root, id);
    const name = await readText(join(dir, 'name'));
    if (!name.available) return name;
    const energyUj = await readCounter(join(dir, 'energy_uj'));
    if (!energyUj.available) return energyUj;
    const maxEnergyRangeUj = await readCounter(join(dir, 'max_energy_range_uj'));
    if (!maxEnergyRangeUj.available) return maxEnergyRangeUj;
    const match = DOMAIN_ENTRY.exec(id)!;
    domains.push({
      id,
      name: name.value,
      parentId: match[2] === undefined ? null : `intel-rapl:${match[1]}`,
      energyUj: energyUj.value,
      maxEnergyRangeUj: maxEnergyRangeUj.value,
    });
  }
  return available(domains);
}

/**
 * Energy used per domain between two readings. A counter that went down wrapped once; more than one
 * wrap cannot be seen, so readings should be closer together than the wrap period (at 100 W a
 * 262 kJ range wraps after about 44 minutes; sample at least every few minutes).
 */
export function energyBetween(before: RaplDomain[], after: RaplDomain[]): RaplEnergy[] {
  const earlier = new Map(before.map((domain) => [domain.id, domain]));
  return after.flatMap((domain) => {
    const start = earlier.get(domain.id);
    if (!start) return [];
    const wrapped = domain.energyUj < start.energyUj;
    return [{ id: domain.id, name: domain.name, energyUj: counterDeltaUj(start.energyUj, domain.energyUj, domain.maxEnergyRangeUj), wrapped }];
  });
}

/** The increase of a counter that counts from 0 up to `maxEnergyRangeUj` and then starts again at 0. */
export function counterDeltaUj(beforeUj: number, afterUj: number, maxEnergyRangeUj: number): number {
  return afterUj >= beforeUj ? afterUj - beforeUj : maxEnergyRangeUj - beforeUj + afterUj;
}

async function readText(file: string): Promise<Reading<string>> {
  try {
    return available((await readFile(file, 'utf8')).trim());
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EACCES' || code === 'EPERM') {
      return unavailable(
        `Permission denied reading ${file}: since Linux 5.10 RAPL counters are readable by root only. Run as root, or grant read access with \`sudo chmod a+r /sys/class/powercap/intel-rapl:*/energy_uj\` (until the next reboot).`,
      );
    }
    if (code === 'ENOENT') return unavailable(`${file} does not exist: this powercap domain has no such counter.`);
    return unavailable(`Cannot read ${file}: ${errorMessage(error)}`);
  }
}

async function readCounter(file: string): Promise<Reading<number>> {
  const text = await readText(file);
  if (!text.available) return text;
  if (!/^\d+$/.test(text.value)) return unavailable(`${file} holds "${text.value.slice(0, 40)}", not a microjoule counter.`);
  return available(Number(text.value));
}

function compareDomainIds(a: string, b: string): number {
  const [, aPackage, aSub] = DOMAIN_ENTRY.exec(a)!;
  const [, bPackage, bSub] = DOMAIN_ENTRY.exec(b)!;
  if (aPackage !== bPackage) return Number(aPackage) - Number(bPackage);
  // A package sorts before its own subdomains.
  return (aSub === undefined ? -1 : Number(aSub)) - (bSub === undefined ? -1 : Number(bSub));
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
