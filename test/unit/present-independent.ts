/**
 * Statistics the presentation tests check against, computed here from the raw samples without
 * core/stats: type-7 percentiles, and order-statistic interval ranks from a binomial CDF summed in
 * log space (a different route from core's walk out from the mode).
 */
export function type7Quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const i = Math.floor(h);
  const low = sorted[i]!;
  const high = sorted[Math.min(i + 1, sorted.length - 1)]!;
  return low + (h - i) * (high - low);
}

function logFactorials(n: number): number[] {
  const table = [0];
  for (let k = 1; k <= n; k++) table.push(table[k - 1]! + Math.log(k));
  return table;
}

/** [X(l), X(u)] with P(B < l) <= (1-c)/2 and P(B >= u) <= (1-c)/2, B ~ Binomial(n, q); null where a side cannot be bounded. */
export function orderStatisticInterval(samples: readonly number[], q: number, confidence: number): { low: number; high: number } | null {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const lf = logFactorials(n);
  const tail = (1 - confidence) / 2;
  let cdf = 0;
  let lowK = -1;
  let highK = n;
  for (let k = 0; k <= n; k++) {
    cdf += Math.exp(lf[n]! - lf[k]! - lf[n - k]! + k * Math.log(q) + (n - k) * Math.log(1 - q));
    if (cdf <= tail) lowK = k;
    if (cdf >= 1 - tail) {
      highK = k;
      break;
    }
  }
  if (lowK < 0 || highK > n - 1) return null;
  return { low: sorted[lowK]!, high: sorted[highK]! };
}
