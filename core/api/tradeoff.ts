/**
 * The tradeoff of a model family: each variant (a model file on an engine and execution provider,
 * on one kind of machine) with its accuracy from an accuracy pass, its speed from the timed run the
 * pass pairs with (core/evaluate/pass/timed-pair.ts), and the hardware price the user stated for
 * that kind of machine, with the Pareto front marked.
 */

export const TRADEOFF_FORMATS = ['md', 'html', 'csv', 'json'] as const;
export type TradeoffFormat = (typeof TRADEOFF_FORMATS)[number];

export interface TradeoffRequest {
  /** Only this family: a `family:NAME` tag's name, or a labelled set's name. */
  family?: string;
  format?: TradeoffFormat;
}

export interface TradeoffPrice {
  amount: number;
  currency: string;
  date: string;
  attestationId: string;
  /** Always "stated by the user": edgelab never measures a price. */
  source: string;
}

export interface TradeoffVariant {
  name: string;
  modelFile: string;
  modelSha256: string;
  engine: string;
  executionProvider: string;
  precision: string;
  hardwareKind: string | null;
  hardwareLabel: string;
  /** The pass's main metric: mAP (IoU .50:.95), mIoU or hmean, as a fraction. */
  accuracy: { metric: string; value: number };
  /** Against the reference the pass named, as its paired bootstrap gave it; null without one. */
  drop: { referenceRun: string; difference: number; low: number; high: number; confidence: number; resamples: number } | null;
  passRunId: string;
  /** Null when no timed run of the model on the machine exists yet: the variant is not ranked. */
  timedRunId: string | null;
  p50Ms: number | null;
  p99Ms: number | null;
  throughputPerS: number | null;
  joulesPerInference: number | null;
  price: TradeoffPrice | null;
  streamFps: number | null;
  streams: number | null;
  costPerStream: number | null;
  /** On the family's Pareto front; false for a variant that is not ranked. */
  pareto: boolean;
  /** Why a variant is not ranked (no timed run); null when it is. */
  unranked: string | null;
  /** Names of the variants that dominate this one. */
  dominatedBy: string[];
}

export interface TradeoffFamily {
  name: string;
  /** How the family was formed: the user's tag, or the labelled set and input shape shared. */
  groupedBy: 'family tag' | 'labelled set and input shape';
  labels: { name: string; sha256: string } | null;
  inputShape: string | null;
  /** The objectives the front was computed on, e.g. ['accuracy', 'p99', 'cost per stream']. */
  objectives: string[];
  /** Why cost was left out of the front, when it was. */
  costLeftOut: string | null;
  variants: TradeoffVariant[];
}

export interface TradeoffView {
  families: TradeoffFamily[];
  /** The dominance rule in words, printed with every table. */
  rule: string;
  /** How runs are grouped into families, in words. */
  familyRule: string;
  /** Accuracy passes and timed runs that could not be placed, with why. */
  leftOut: Array<{ id: string; reason: string }>;
  ledgerHead: string | null;
}

export interface TradeoffResult {
  view: TradeoffView;
  /** The rendered report when a format was asked for. */
  content: string | null;
  format: TradeoffFormat | null;
}
