import { createHash } from 'node:crypto';
import { identityOf } from './fingerprint.js';
import type { IdentityFields } from './hardware-names.js';

const KIND_VERSION = 'edgelab-hardware-kind-v1';

/**
 * The kind of machine, as a buyer orders it: the fingerprint's identity without the Jetson power
 * mode, which is a property of the run (two Orin NX boards in 15 W and 25 W are one kind, one price).
 */
export function hardwareKindKey(info: IdentityFields): string {
  const identity = identityOf(info);
  const jetson = identity['jetson'] as { model: string | null; l4tRelease: string | null } | null | undefined;
  const kind = { ...identity, version: KIND_VERSION, jetson: jetson ? { model: jetson.model, l4tRelease: jetson.l4tRelease } : jetson ?? null };
  return createHash('sha256').update(JSON.stringify(kind)).digest('hex');
}
