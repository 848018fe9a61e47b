/**
 * A series of unknown length kept in bounded memory for a chart: points are averaged into buckets,
 * and when there are twice `points` buckets, neighbours are merged pairwise (every bucket then holds
 * twice as many points). The result has between `points` and 2 × `points` buckets once the series is
 * that long, each the mean of an equal run of consecutive points; a bucket with no reading is null.
 */
export class BoundedSeries {
  private xs: number[] = [];
  private sums: number[][] = [];
  private counts: number[][] = [];
  private xCounts: number[] = [];
  private perBucket = 1;
  private inBucket = 0;

  constructor(private readonly measures: number, private readonly points = 60) {}

  /** One point: its x (time, or report number) and a value per measure, null where not read. */
  push(x: number, values: readonly (number | null)[]): void {
    if (this.inBucket === 0) {
      this.xs.push(0);
      this.xCounts.push(0);
      this.sums.push(new Array<number>(this.measures).fill(0));
      this.counts.push(new Array<number>(this.measures).fill(0));
    }
    const b = this.xs.length - 1;
    this.xs[b]! += x;
    this.xCounts[b]! += 1;
    for (let m = 0; m < this.measures; m++) {
      const v = values[m];
      if (v !== null && v !== undefined && Number.isFinite(v)) {
        this.sums[b]![m]! += v;
        this.counts[b]![m]! += 1;
      }
    }
    this.inBucket += 1;
    if (this.inBucket === this.perBucket) {
      this.inBucket = 0;
      if (this.xs.length === 2 * this.points) this.halve();
    }
  }

  private halve(): void {
    const merge = <T>(rows: T[], join: (a: T, b: T) => T) => rows.flatMap((row, i) => (i % 2 === 0 ? [i + 1 < rows.length ? join(row, rows[i + 1]!) : row] : []));
    const add = (a: number[], b: number[]) => a.map((v, i) => v + b[i]!);
    this.xs = merge(this.xs, (a, b) => a + b);
    this.xCounts = merge(this.xCounts, (a, b) => a + b);
    this.sums = merge(this.sums, add);
    this.counts = merge(this.counts, add);
    this.perBucket *= 2;
  }

  /** The buckets: mean x, and per measure the mean value or null. */
  result(): { x: number[]; values: (number | null)[][] } {
    const x = this.xs.map((sum, b) => sum / this.xCounts[b]!);
    const values = Array.from({ length: this.measures }, (_, m) => this.sums.map((row, b) => (this.counts[b]![m]! > 0 ? row[m]! / this.counts[b]![m]! : null)));
    return { x, values };
  }
}
