import { z } from 'zod';
import { AttestationSubjectSchema } from './attestation-subject.js';

/**
 * Manual ladder evidence: what the engineer says they did, where it can be seen, and when. An
 * attestation is never checked automatically; the ladder keeps it visibly apart from measured runs.
 */
export const ATTESTATION_SCHEMA_VERSION = 1;

const DateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const AttestationSchema = z.strictObject({
  schemaVersion: z.literal(ATTESTATION_SCHEMA_VERSION),
  id: z.string().min(1),
  /** The ladder item this is evidence for, as core/ladder names it. */
  itemId: z.string().min(1),
  note: z.string().min(1),
  /** A pull request, design document, sign-off thread … or null when there is nothing to link. */
  link: z.url().nullable(),
  /** When the work happened (a date) or when it was attested (a date-time), ISO 8601. */
  date: DateOrDateTime,
  /** A price, a brief or a sign-off the note is about (attestation-subject.ts); absent on a plain ladder note. */
  subject: AttestationSubjectSchema.optional(),
  /** SHA-256 of the file as written without this field (record-file.ts). */
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type Attestation = z.infer<typeof AttestationSchema>;

/** What a caller provides; the workspace fills in id, schemaVersion and (by default) date. */
export const AttestationInputSchema = z.strictObject({
  itemId: z.string().trim().min(1),
  note: z.string().trim().min(1),
  link: z.url().nullable().optional(),
  date: DateOrDateTime.optional(),
  subject: AttestationSubjectSchema.optional(),
});
export type AttestationInput = z.input<typeof AttestationInputSchema>;
