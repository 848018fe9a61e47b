import { z } from 'zod';

/**
 * Where a run was measured, as every listing shows it: here (`measured`), on another device and
 * brought in by `edgelab runs merge` (`merged`), or read from another tool's files (`imported`).
 * A merged run names the bundle it came in: the bundle's head, the unit that measured it and, when
 * the bundle was signed, who signed it and whether this workspace trusts that key. Only a trusted
 * signature lets a merged run count as measured evidence: a bundle rebuilt with a fresh chain
 * verifies on its own, so the chain alone proves nothing about where the run came from.
 */
export const BundleHeadSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  entryHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case SHA-256 hex digest'),
});
export type BundleHead = z.infer<typeof BundleHeadSchema>;

export const BundleOriginSchema = z.strictObject({
  /** The bundle's file name as it was merged (no folder). */
  name: z.string().min(1),
  /** The head of the workspace the bundle was written from. */
  head: BundleHeadSchema,
  /** The unit (board serial, machine id or label) that wrote the bundle; null when it named none. */
  sourceUnit: z.string().nullable(),
  /** The principal whose key signed the bundle, as the allowed-signers file names them; null when unsigned or unknown. */
  signedBy: z.string().nullable(),
  /** Signed by a key this workspace's allowed signers name. */
  trusted: z.boolean(),
  /** When the bundle was merged here (ISO 8601). */
  mergedAt: z.string(),
});
export type BundleOrigin = z.infer<typeof BundleOriginSchema>;

export const RunProvenanceSchema = z.strictObject({
  kind: z.enum(['measured', 'merged', 'imported']),
  bundle: BundleOriginSchema.optional(),
});
export type RunProvenance = z.infer<typeof RunProvenanceSchema>;

/**
 * A run's provenance from what its record says (measured or imported) and the merge that brought
 * it in, if any. An imported record stays `imported` when it arrives in a bundle: another tool's
 * files do not become a measurement by travelling; the bundle is still named.
 */
export function deriveRunProvenance(evidence: 'measured' | 'imported', merged: BundleOrigin | null): RunProvenance {
  if (merged === null) return { kind: evidence };
  return { kind: evidence === 'imported' ? 'imported' : 'merged', bundle: merged };
}

/** Whether a run counts as measured evidence for the ladder: measured here, or merged from a bundle a trusted key signed. */
export function countsAsMeasured(provenance: RunProvenance): boolean {
  return provenance.kind === 'measured' || (provenance.kind === 'merged' && provenance.bundle?.trusted === true);
}
