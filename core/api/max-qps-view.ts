/**
 * One full-length confirmation run of a max-QPS search as `extras.maxQps.confirmations` records it:
 * core/bench writes it, core/present says what it means.
 */
export interface MaxQpsConfirmationView {
  qps: number;
  queries: number;
  /** The bound's percentile over the run; null when no query completed. */
  observedMs: number | null;
  /** Its 95 % order-statistic interval; a side is null when the run was too short to bound it. */
  intervalLowMs: number | null;
  intervalHighMs: number | null;
  /** pass: the whole interval meets the bound; fail: none of it; inconclusive: it straddles. */
  status: 'pass' | 'fail' | 'inconclusive';
}
