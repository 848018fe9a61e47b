import { z } from 'zod';

/**
 * What an attestation states besides a ladder note, when it states a fact other records draw on:
 * a hardware price the user gives, a brief edgelab wrote (its hash and the runs it cites), and a
 * decision on that brief. Kept as attestations so they are dated, ledgered and never edited: a new
 * statement is a new record, the latest wins and the history stays.
 */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const PriceSubjectSchema = z.strictObject({
  kind: z.literal('price'),
  hardwareKind: z.string().min(1),
  hardwareLabel: z.string(),
  amount: z.number().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

export const BriefSubjectSchema = z.strictObject({
  kind: z.literal('brief'),
  briefId: z.string(),
  sha256,
  format: z.enum(['html', 'md', 'pdf']),
  fileName: z.string(),
  question: z.string(),
  runIds: z.array(z.string()),
  rule: z.string(),
  recommendedRunId: z.string().nullable(),
  ledgerHead: z.string().nullable(),
  adr: z.number().int().nullable(),
});

export const BriefSignOffSubjectSchema = z.strictObject({
  kind: z.literal('brief-sign-off'),
  briefId: z.string(),
  sha256,
  decision: z.enum(['accepted', 'rejected', 'changes']),
  by: z.string(),
});

export const AttestationSubjectSchema = z.discriminatedUnion('kind', [PriceSubjectSchema, BriefSubjectSchema, BriefSignOffSubjectSchema]);
export type AttestationSubject = z.infer<typeof AttestationSubjectSchema>;
