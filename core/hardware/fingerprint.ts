import { createHash } from 'node:crypto';
import { cpuName, installedGiB, type IdentityFields } from './hardware-names.js';

// Bumped when the identity fields change, so old and new fingerprints never collide by accident.
const FINGERPRINT_VERSION = 'edgelab-hardware-v1';

/**
 * The machine for comparison purposes: CPU model and core counts, memory in whole GiB, OS platform and
 * architecture, GPU models, and on a Jetson its model, L4T release and power mode. Clocks, load,
 * temperatures, OS version and time are left out: they change while the machine stays the same.
 */
export function identityOf(info: IdentityFields): Record<string, unknown> {
  return {
    version: FINGERPRINT_VERSION,
    cpu: cpuName(info.cpu),
    cores: info.cpu.cores,
    physicalCores: info.cpu.physicalCores,
    memoryGiB: installedGiB(info.memory.totalBytes),
    platform: info.os.platform,
    arch: info.os.arch,
    gpus: info.gpus.map((gpu) => gpu.model).sort(),
    jetson: info.jetson && {
      model: info.jetson.model,
      l4tRelease: info.jetson.l4tRelease,
      powerMode: info.jetson.powerMode?.name ?? null,
    },
  };
}

export function hardwareFingerprint(info: IdentityFields): string {
  return createHash('sha256').update(JSON.stringify(identityOf(info))).digest('hex');
}
