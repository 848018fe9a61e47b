import type { HardwareInfo } from './hardware-info.js';

/**
 * How a machine is named to a reader: its label, CPU and OS names. Pure (no node: imports), so the
 * CLI's `hw` view, the reports and the app's Hardware screen (through core/present) name it alike.
 */
export type IdentityFields = Pick<HardwareInfo, 'cpu' | 'memory' | 'os' | 'gpus' | 'jetson'>;

const GIB = 1024 ** 3;

/** "AMD EPYC 7763 · 2 cores · 24 GiB · Linux x64"; a Jetson leads with its model, release and mode. */
export function hardwareLabel(info: IdentityFields): string {
  const parts: string[] = [];
  if (info.jetson) {
    parts.push(info.jetson.model ?? 'NVIDIA Jetson');
    if (info.jetson.l4tRelease) parts.push(`L4T ${info.jetson.l4tRelease}`);
    if (info.jetson.powerMode) parts.push(info.jetson.powerMode.name);
  } else {
    parts.push(cpuName(info.cpu));
  }
  parts.push(`${info.cpu.cores} ${info.cpu.cores === 1 ? 'core' : 'cores'}`);
  parts.push(`${installedGiB(info.memory.totalBytes)} GiB`);
  parts.push(`${osName(info.os.platform)} ${info.os.arch}`);
  return parts.join(' · ');
}

/**
 * The OS reports installed memory less what firmware and the kernel reserve (a 32 GB AGX Orin shows
 * 30697 MiB, a 16 GB Orin NX 15388 MiB), and the reserve moves between boots and releases. Rounding
 * up lands on the installed size and stays there; rounding to nearest would flip at every half GiB.
 */
export function installedGiB(totalBytes: number): number {
  return Math.ceil(totalBytes / GIB);
}

export function cpuName(cpu: { manufacturer: string; brand: string }): string {
  const manufacturer = cpu.manufacturer.trim();
  const brand = cpu.brand.trim();
  if (!manufacturer) return brand || 'Unknown CPU';
  if (!brand || brand.toLowerCase().startsWith(manufacturer.toLowerCase())) return brand || manufacturer;
  return `${manufacturer} ${brand}`;
}

export function osName(platform: string): string {
  const names: Record<string, string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows', freebsd: 'FreeBSD' };
  return names[platform] ?? platform;
}
