import type { LatencyStats } from '../api/run-record.js';

/** What comparing two runs yields (core/report/compare.ts), and what its text and warnings are made from. */
export type ComparedMetric = keyof Pick<LatencyStats, 'mean' | 'p50' | 'p90' | 'p95' | 'p99' | 'p999'> | 'throughput' | 'coldStart';

export type MetricChange = 'faster' | 'slower' | 'no significant change' | 'not tested';

export interface MetricComparison {
  metric: ComparedMetric;
  unit: 'ms' | '/s';
  a: number;
  b: number;
  /** b / a: below 1 is faster for latency, above 1 is faster for throughput. */
  ratio: number;
  /** null when no test applies (a single measurement). */
  significant: boolean | null;
  change: MetricChange;
  /**
   * A 95 % interval of b / a for a percentile: each run's distribution-free interval of that
   * percentile at √0.95 (independent runs: both hold together with 95 %), divided crosswise. Null
   * for the mean, throughput and cold start, and where a run has too few samples to bound it.
   */
  ratioInterval: { low: number; high: number; confidence: number } | null;
}

export type ComparisonWarningCode =
  | 'different-model' | 'different-hardware' | 'unknown-hardware' | 'different-software' | 'different-settings' | 'different-workload'
  | 'imported-evidence' | 'different-engine' | 'different-power-mode' | 'different-accelerator' | 'summary-only' | 'pipeline-observed';

export interface ComparisonWarning {
  code: ComparisonWarningCode;
  message: string;
  advice: string;
}

export interface Comparison {
  /** `unit`: the board that measured the run (label and id), absent for records that name none. */
  a: ComparedRun;
  b: ComparedRun;
  test: {
    name: 'Mann–Whitney U';
    /** U of run A: pairs (a, b) with a > b, ties counting one half. */
    statistic: number;
    z: number;
    pValue: number;
    alpha: number;
    significant: boolean;
    /** Which run's latency tends to be lower, when the test is significant. */
    faster: 'a' | 'b' | null;
  };
  metrics: MetricComparison[];
  warnings: ComparisonWarning[];
}

/** A compared run as the comparison names it. `unit`: the board that measured it; `evidence`: set for a run merged from a bundle. */
export interface ComparedRun {
  id: string;
  title: string;
  samples: number;
  accelerator?: string;
  unit?: string;
  evidence?: string;
}
