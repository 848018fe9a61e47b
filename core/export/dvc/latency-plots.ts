/**
 * Plot data as DVC reads tabular files: TSV with a header row, one column per field. Numbers are
 * written as JavaScript prints them, which is the same for the same value on every machine, so a
 * re-export of the same run gives the same bytes.
 */

/** Latency of each timed iteration, in the order taken (1 = the first timed iteration). */
export function latencyPerIterationTsv(samplesMs: readonly number[]): string {
  return `iteration\tlatency_ms\n${samplesMs.map((ms, i) => `${i + 1}\t${ms}`).join('\n')}${samplesMs.length ? '\n' : ''}`;
}

// A CDF of a long run is drawn from at most this many points (every 0.1 %), so the file stays
// reviewable in a pull request while the per-iteration file keeps every sample.
const CDF_POINTS = 1000;

/**
 * The empirical CDF: for each latency, the fraction of iterations at or below it. Up to CDF_POINTS
 * samples every one is a point; above that, the nearest-rank quantile at each 1/CDF_POINTS step.
 */
export function latencyCdfTsv(samplesMs: readonly number[]): string {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const n = sorted.length;
  const rows: string[] = [];
  if (n <= CDF_POINTS) {
    sorted.forEach((ms, i) => rows.push(`${ms}\t${round((i + 1) / n)}`));
  } else {
    for (let k = 1; k <= CDF_POINTS; k++) {
      const fraction = k / CDF_POINTS;
      rows.push(`${sorted[Math.ceil(fraction * n) - 1]}\t${round(fraction)}`);
    }
  }
  return `latency_ms\tfraction\n${rows.join('\n')}${rows.length ? '\n' : ''}`;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
