import { z } from 'zod';
import { BundleHeadSchema } from '../../api/run-provenance.js';

/**
 * `merges/<id>.json`: one `edgelab runs merge` of one bundle, written once and chained in the ledger
 * like a run (ledger kind `merge`). It names the bundle's head, the machine and unit that wrote it,
 * who signed it and whether this workspace trusts that key, and every run it brought in; a run that
 * clashed with a different run of the same id here is kept under `storedAs`.
 */
export const MERGE_RECORD_SCHEMA_VERSION = 1;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const MergeRecordSchema = z.strictObject({
  schemaVersion: z.literal(MERGE_RECORD_SCHEMA_VERSION),
  id: z.string().min(1),
  mergedAt: z.string(),
  bundle: z.strictObject({
    /** The bundle's file name as merged. */
    name: z.string().min(1),
    /** SHA-256 of the bundle's manifest.json, which the signature (if any) covers. */
    manifestSha256: Hex64,
    createdAt: z.string(),
    head: BundleHeadSchema,
    /** The head the bundle's ledger excerpt starts after; null when it carries the whole ledger. */
    since: BundleHeadSchema.nullable(),
  }),
  source: z.strictObject({
    hardwareFingerprint: z.string().nullable(),
    /** The hardware summary line the bundle states. */
    hardware: z.string().nullable(),
    unit: z.string().nullable(),
  }),
  signature: z.strictObject({
    signed: z.boolean(),
    /** The principal the allowed-signers file names for the key; null when unsigned or by a key it does not name. */
    signedBy: z.string().nullable(),
    trusted: z.boolean(),
  }),
  runs: z.array(
    z.strictObject({
      id: z.string().min(1),
      /** SHA-256 of the record's bytes in the bundle (and its ledger line there). */
      sha256: Hex64,
      /** The id it is kept under here when a different run already had its id. */
      storedAs: z.string().optional(),
    }),
  ),
  contentSha256: Hex64.optional(),
});
export type MergeRecord = z.infer<typeof MergeRecordSchema>;
