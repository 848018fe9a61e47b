import type { HardwareUnit } from './hardware-info.js';
import { cpuName, installedGiB, osName, type IdentityFields } from './hardware-names.js';

/**
 * A kind of machine: the fingerprint's identity without the Jetson power mode. Two Orin NX 16 GB
 * boards on the same L4T release are one kind in any power mode; the mode stays a property of each
 * run. Prices attach to a kind, and the fleet report groups sibling units by it. Pure (no node:
 * imports), so core/present and the React screens can group as the lab does.
 *
 * The key is readable on purpose (a price file names it, a reader checks it), and it lists every
 * identity field the fingerprint hashes except the power mode, so two kinds never share a key.
 */
export function hardwareKindKey(hardware: unknown): string {
  const info = identityFields(hardware);
  if (!info) return 'unknown hardware';
  const parts: string[] = [];
  if (info.jetson) parts.push(info.jetson.model ?? 'NVIDIA Jetson', `L4T ${info.jetson.l4tRelease ?? '?'}`);
  parts.push(cpuName(info.cpu), `${info.cpu.cores}/${info.cpu.physicalCores} cores`, `${installedGiB(info.memory.totalBytes)} GiB`, `${info.os.platform} ${info.os.arch}`);
  const gpus = info.gpus.map((gpu) => gpu.model).sort();
  if (gpus.length > 0) parts.push(`GPU ${gpus.join(' + ')}`);
  return parts.join(' · ');
}

/** "NVIDIA Orin NX Developer Kit · L4T 36.4.4 · 8 cores · 16 GiB · Linux arm64": the kind's name for a heading. */
export function hardwareKindLabel(hardware: unknown): string {
  const info = identityFields(hardware);
  if (!info) return 'unknown hardware';
  const head = info.jetson ? [info.jetson.model ?? 'NVIDIA Jetson', ...(info.jetson.l4tRelease ? [`L4T ${info.jetson.l4tRelease}`] : [])] : [cpuName(info.cpu)];
  return [...head, `${info.cpu.cores} ${info.cpu.cores === 1 ? 'core' : 'cores'}`, `${installedGiB(info.memory.totalBytes)} GiB`, `${osName(info.os.platform)} ${info.os.arch}`].join(' · ');
}

const UNIT_SOURCES: readonly HardwareUnit['source'][] = ['serial', 'machine-id', 'env'];

/** The unit a record names, or null for a record written before units were read (or an imported one). */
export function unitOf(hardware: unknown): HardwareUnit | null {
  if (!isObject(hardware) || !isObject(hardware.unit)) return null;
  const { id, source, label } = hardware.unit;
  if (typeof id !== 'string' || id.length === 0 || !UNIT_SOURCES.includes(source as HardwareUnit['source'])) return null;
  return { id, source: source as HardwareUnit['source'], label: typeof label === 'string' && label.length > 0 ? label : null };
}

/** How a unit is named to a reader: its label, else its id. */
export function unitName(unit: HardwareUnit | null): string {
  if (!unit) return 'unit not stated';
  return unit.label ?? unit.id;
}

/** The identity fields of a stored record's hardware, checked field by field: records are data. */
function identityFields(hardware: unknown): IdentityFields | null {
  if (!isObject(hardware)) return null;
  const { cpu, memory, os, gpus, jetson } = hardware;
  if (!isObject(cpu) || !isObject(memory) || !isObject(os)) return null;
  if (typeof cpu.cores !== 'number' || typeof memory.totalBytes !== 'number') return null;
  return {
    cpu: { manufacturer: text(cpu.manufacturer), brand: text(cpu.brand), cores: cpu.cores, physicalCores: typeof cpu.physicalCores === 'number' ? cpu.physicalCores : cpu.cores, speedMinGHz: null, speedMaxGHz: null },
    memory: { totalBytes: memory.totalBytes },
    os: { platform: text(os.platform), distro: text(os.distro), release: text(os.release), kernel: text(os.kernel), arch: text(os.arch) },
    gpus: Array.isArray(gpus) ? gpus.filter(isObject).map((gpu) => ({ vendor: text(gpu.vendor), model: text(gpu.model), vramMiB: null })) : [],
    jetson: isObject(jetson) ? { model: typeof jetson.model === 'string' ? jetson.model : null, l4tRelease: typeof jetson.l4tRelease === 'string' ? jetson.l4tRelease : null, l4tBoard: null, powerMode: null } : null,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
