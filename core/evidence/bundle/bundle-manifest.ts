import { z } from 'zod';
import { BundleHeadSchema } from '../../api/run-provenance.js';

/**
 * `manifest.json`, the first entry of a bundle: what it holds and where it comes from. Every other
 * entry is listed here with its size and SHA-256, so the signature over these bytes covers them all.
 */
export const BUNDLE_FORMAT = 'edgelab-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
/** ssh-keygen -Y namespace of a bundle's signature: a signature made for a ledger head or a git commit does not pass for one. */
export const BUNDLE_SIGNATURE_NAMESPACE = 'edgelab-bundle';
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.json.sig';
export const LEDGER_FILE = 'ledger.jsonl';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case SHA-256 hex digest');

export const BundleManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  createdAt: z.string(),
  /** The workspace's head when the bundle was written: the last line of the bundle's ledger. */
  head: BundleHeadSchema,
  /** `--since`: the head the ledger excerpt starts after; null when the bundle carries every line. */
  since: BundleHeadSchema.nullable(),
  ledger: z.strictObject({
    /** seq of the excerpt's first line (1 for a whole ledger). */
    firstSeq: z.number().int().positive(),
    /** The entryHash the first line chains from: 64 zeros for a whole ledger, the since head's hash for an excerpt. */
    prevHash: Hex64,
    lines: z.number().int().nonnegative(),
  }),
  hardware: z.strictObject({
    fingerprint: z.string().nullable(),
    /** One line naming the machine (CPU, accelerator, memory). */
    summary: z.string().nullable(),
  }),
  /** The unit (board serial, machine id or a label) that wrote the bundle, when known. */
  unit: z.string().nullable(),
  runs: z.array(z.strictObject({ id: z.string(), sha256: Hex64 })),
  /** Every entry but the manifest and its signature, by path inside the bundle's folder. */
  files: z.array(z.strictObject({ path: z.string(), size: z.number().int().nonnegative(), sha256: Hex64 })),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;
