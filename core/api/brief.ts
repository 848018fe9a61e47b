import { z } from 'zod';
import { boundedText, filledText } from './bounded-text.js';

/**
 * The stakeholder brief and the hardware prices it draws on, as LabApi takes and answers them
 * (core/brief). zod and types only: importable from a browser.
 */

/** ISO 4217: three capital letters, as an invoice prints it. */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
export const BRIEF_RULES = ['cheapest-passing', 'fastest-passing'] as const;
export type BriefRule = (typeof BRIEF_RULES)[number];
export const BRIEF_FORMATS = ['html', 'md', 'pdf'] as const;
export type BriefFormat = (typeof BRIEF_FORMATS)[number];
export const SIGN_OFF_DECISIONS = ['accepted', 'rejected', 'changes'] as const;
export type SignOffDecision = (typeof SIGN_OFF_DECISIONS)[number];

const runId = z.string().min(1).max(128);

/** Which hardware a price is for: this machine, a kind key `edgelab price list` printed, or the machine a run was measured on. */
export const PriceTargetSchema = z.union([
  z.strictObject({ thisMachine: z.literal(true) }),
  z.strictObject({ kind: filledText('label') }),
  z.strictObject({ runId }),
]);
export type PriceTarget = z.infer<typeof PriceTargetSchema>;

export const PriceRequestSchema = z.strictObject({
  hardware: PriceTargetSchema,
  amount: z.number().positive('a price is more than 0').max(1e9, 'a price above 1e9 is not a device price').refine(Number.isFinite, 'a price is a finite number'),
  currency: z.string().regex(CURRENCY_PATTERN, 'a currency is three capital letters (ISO 4217), e.g. EUR, USD'),
  note: filledText('prose').optional(),
});
export type PriceRequest = z.input<typeof PriceRequestSchema>;

/** One statement of a price, as the workspace keeps it (an attestation: dated, ledgered, never edited). */
export interface PriceStatement {
  attestationId: string;
  hardwareKind: string;
  /** How people recognise the kind: the hardware label of the machine or run it was stated from. */
  hardwareLabel: string;
  amount: number;
  currency: string;
  note: string | null;
  date: string;
}

export interface PriceList {
  /** The latest statement per hardware kind: the price briefs use. */
  current: PriceStatement[];
  /** Every statement, newest first, superseded ones included. */
  history: PriceStatement[];
  /** This machine's kind, so a face can mark it. */
  thisMachineKind: string;
}

export const BriefRequestSchema = z.strictObject({
  question: filledText('prose'),
  runIds: z.array(runId).min(1, 'name at least one run: each run is one option').max(12, 'a one-page brief compares at most 12 options'),
  rule: z.enum(BRIEF_RULES).optional(),
  /** The decision record number the brief came from (`edgelab adr list`). */
  adr: z.number().int().positive().optional(),
});
export type BriefRequest = z.input<typeof BriefRequestSchema>;

export const WriteBriefRequestSchema = BriefRequestSchema.extend({
  format: z.enum(BRIEF_FORMATS),
  /** A file on the lab's machine; required for PDF. Without it, the content comes back to save. */
  out: boundedText('path').min(1).optional(),
});
export type WriteBriefRequest = z.input<typeof WriteBriefRequestSchema>;

export const SignOffRequestSchema = z.strictObject({
  /** The brief file on the lab's machine, as it was written. */
  file: boundedText('path').min(1),
  by: filledText('label'),
  decision: z.enum(SIGN_OFF_DECISIONS),
  note: filledText('prose').optional(),
});
export type SignOffRequest = z.input<typeof SignOffRequestSchema>;

/** A recorded sign-off, and whether it ticks `tradeoff-accepted` (an accepted brief that recommends an option). */
export type SignOffAnswer = BriefSignOff & { briefId: string; sha256: string; ticksLadder: boolean };

/** One option of the brief: one run, with what a reader decides on. Null where it was not measured. */
export interface BriefOption {
  runId: string;
  name: string;
  hardwareLabel: string;
  hardwareKind: string | null;
  evidence: 'measured' | 'imported' | 'merged-unsigned';
  /** For a run merged from a bundle a trusted key signed: who signed it (its evidence is `measured`, on another unit). */
  mergedSignedBy?: string;
  accuracy: { metric: string; value: number } | null;
  latency: { metric: string; valueMs: number; targetMs: number | null } | null;
  /** Every target verdict of the run; the option passes when all pass and there is at least one. */
  verdicts: Array<{ target: string; status: string }>;
  /** The run's 99th percentile latency: what "fastest" compares, whatever metric its target names. */
  p99Ms: number | null;
  passes: boolean;
  fps: number | null;
  /** Streams of the target frame rate one device carries; null without a frame-rate target. */
  streams: number | null;
  streamFps: number | null;
  joulesPerInference: number | null;
  price: { amount: number; currency: string; date: string } | null;
  /** Price / streams, or price per device where no stream rate was set. */
  costPerStream: number | null;
}

export interface BriefRecommendation {
  runId: string | null;
  /** The rule and the outcome in plain words. */
  sentence: string;
}

export interface BriefView {
  /** The id the brief is recorded under, printed in it; null in a preview that records nothing. */
  briefId: string | null;
  question: string;
  rule: BriefRule;
  ruleText: string;
  options: BriefOption[];
  recommendation: BriefRecommendation;
  notMeasured: string[];
  runIds: string[];
  ledgerHead: string | null;
  adr: { number: number; title: string; file: string } | null;
  /** The date it was written, YYYY-MM-DD. */
  date: string;
}

export interface WrittenBrief {
  briefId: string;
  sha256: string;
  fileName: string;
  mediaType: string;
  /** The document, for html and md; null for pdf (read it from `path`). */
  content: string | null;
  path: string | null;
  view: BriefView;
}

export interface BriefSignOff {
  attestationId: string;
  decision: SignOffDecision;
  by: string;
  note: string | null;
  date: string;
}

export interface BriefItem {
  briefId: string;
  sha256: string;
  question: string;
  format: BriefFormat;
  fileName: string;
  runIds: string[];
  recommendedRunId: string | null;
  date: string;
  signOffs: BriefSignOff[];
}
