/**
 * How a comparison's figures read, on every face: `edgelab compare`'s table and the app's Compare
 * screen print them with these functions (pure: the renderer imports them as values).
 */

/** B/A as a factor: `×0.672`. */
export function formatRatio(ratio: number): string {
  return `×${ratio.toFixed(3)}`;
}

/** "= 0.042" or "< 0.001": plain notation, as journals print it; below 0.001 the exact figure adds nothing to the decision. */
export function formatPValue(p: number): string {
  return p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
}

/** An interval of B/A: `×0.651–0.690`; a dash where the samples are too few to bound it. */
export function formatRatioInterval(interval: { low: number; high: number } | null): string {
  return interval === null ? '–' : `×${interval.low.toFixed(3)}–${interval.high.toFixed(3)}`;
}
