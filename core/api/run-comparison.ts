/**
 * LabApi.compareRuns: any number of runs against the first (the baseline). Each other run gets the
 * same test `edgelab compare` makes (Mann–Whitney U on the raw samples, core/report/compare.ts);
 * the variants among them get the tradeoff table with its Pareto front. Types only: the renderer
 * imports this file.
 */

export interface ComparedMetricView {
  metric: string;
  unit: 'ms' | '/s';
  a: number;
  b: number;
  /** b / a. */
  ratio: number;
  /** null when no test applies (cold start: one measurement per run). */
  significant: boolean | null;
  change: 'faster' | 'slower' | 'no significant change' | 'not tested';
  /** 95 % interval of b / a for a percentile (core/report/compare.ts); null where none is drawn. */
  ratioInterval: { low: number; high: number; confidence: number } | null;
}

export interface PairComparison {
  a: { id: string; title: string; samples: number };
  b: { id: string; title: string; samples: number };
  test: { name: string; statistic: number; z: number; pValue: number; alpha: number; significant: boolean; faster: 'a' | 'b' | null };
  metrics: ComparedMetricView[];
  warnings: Array<{ code: string; message: string; advice: string }>;
}

/** One run as Compare draws it: its raw samples for the CDF and histogram, its intervals. */
export interface ComparedRun {
  id: string;
  title: string;
  state: 'completed' | 'failed' | 'cancelled' | 'summary-only' | 'observed';
  executionProvider: string | null;
  samplesMs: number[];
  p50Ms: number | null;
  p99Ms: number | null;
  throughputPerS: number | null;
  /** Distribution-free interval of the median (order statistics). */
  medianInterval: { lowMs: number; highMs: number; confidence: number } | null;
  /** The unit that measured it (label and id) when the record names one. */
  unit?: string;
}

export interface TradeoffPoint {
  variant: string;
  modelSha256: string;
  executionProvider: string;
  top1: number | null;
  top5: number | null;
  p50Ms: number;
  p99Ms: number;
  throughputPerS: number;
  modelSizeBytes: number;
  peakRssBytes: number | null;
  pareto: boolean;
  runIds: string[];
}

/** A pair where one side is summary-only (an OpenVINO import) or an observed pipeline: stated figures side by side, no test. */
export interface StatedPairView {
  kind: 'stated';
  a: { id: string; title: string; summaryOnly: boolean; observed: boolean };
  b: { id: string; title: string; summaryOnly: boolean; observed: boolean };
  metrics: Array<{ metric: string; unit: 'ms' | '/s'; a: number; b: number; ratio: number }>;
  notStated: string[];
  warnings: Array<{ code: string; message: string; advice: string }>;
}

export interface RunSetComparison {
  baselineId: string;
  runs: ComparedRun[];
  /** The baseline against each other completed run, in order. */
  pairs: PairComparison[];
  /** The baseline against each run where one side is summary-only or an observed pipeline. */
  statedPairs: StatedPairView[];
  /** Runs that could not be compared (failed or cancelled), with why. */
  skipped: Array<{ id: string; reason: string }>;
  tradeoff: TradeoffPoint[];
  /** The comparisons as `edgelab compare` prints them. */
  text: string;
}

/** A DeepStream pipeline run against its model run alone: what the pipeline adds per frame beyond inference. */
export interface PipelineOverheadView {
  pipelineRunId: string;
  modelRunId: string;
  pipelineFps: number;
  modelFramesPerS: number;
  pipelineMsPerFrame: number;
  inferenceMsPerFrame: number;
  overheadMsPerFrame: number;
  /** Of the pipeline's time per frame. */
  overheadShare: number;
  frameLatencyMs: number | null;
  nvinferComponentMs: number | null;
  modelMeanLatencyMs: number;
  text: string;
}
