/**
 * A kernel's place against its roof, in words, for the CLI's findings and the app's node panel
 * alike (pure: the renderer imports it as a value). No kernel beats its peak: a point above the
 * roof means the roof is wrong for it, and the text says so instead of "132 % of the roof".
 */
export function roofText(fraction: number | null, bound: 'compute' | 'memory' | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return '';
  const roof = bound === null ? 'the roof' : `the ${bound === 'memory' ? 'bandwidth' : 'compute'} roof`;
  const percent = `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)} %`;
  if (fraction <= 1) return `${percent} of ${roof}`;
  const why = bound === 'memory'
    ? 'its data stayed in cache, which a roof drawn from DRAM bandwidth does not model'
    : 'the peaks were measured lower than this kernel ran (a busy machine while they were measured)';
  return `above ${roof} (${percent}), so that roof is wrong for this kernel: ${why}`;
}
