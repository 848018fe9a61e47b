/**
 * Percentiles of a stream too long to keep (every frame of a long DeepStream run): values are counted
 * in buckets whose edges grow by a factor of (1 + relativeError), so a percentile read from a bucket
 * is within that relative error of the exact order statistic. Memory grows with the log of the
 * value range, not with the count.
 */
export class LogHistogram {
  private readonly counts = new Map<number, number>();
  private readonly logBase: number;
  private zeros = 0;
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  constructor(readonly relativeError = 0.001) {
    this.logBase = Math.log1p(relativeError);
  }

  add(value: number): void {
    this.count += 1;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (value <= 0) {
      this.zeros += 1;
      return;
    }
    const bucket = Math.floor(Math.log(value) / this.logBase);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
  }

  /**
   * The value of rank ceil(q × n) (the nearest-rank definition), as the midpoint of its bucket,
   * clamped to the observed min and max; the first and last ranks are the min and max themselves.
   */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    if (rank === 1) return this.min;
    if (rank >= this.count) return this.max;
    if (rank <= this.zeros) return Math.max(this.min, 0);
    let seen = this.zeros;
    const buckets = [...this.counts.keys()].sort((a, b) => a - b);
    for (const b of buckets) {
      seen += this.counts.get(b)!;
      if (seen >= rank) {
        const low = Math.exp(b * this.logBase);
        const high = Math.exp((b + 1) * this.logBase);
        return Math.min(this.max, Math.max(this.min, (low + high) / 2));
      }
    }
    return this.max;
  }
}
