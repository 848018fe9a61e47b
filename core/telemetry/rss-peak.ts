/**
 * Peak resident memory during a run, sampled. `process.resourceUsage().maxRSS` is the peak of the
 * whole process lifetime (model parsing, an earlier run in the same process), so it cannot say what
 * this run needed. `process.memoryUsage.rss()` is one cheap read, so a 10 Hz timer costs nothing
 * measurable; a spike shorter than the interval can be missed, which is why the last read at stop
 * also counts.
 */
export interface RssPeakSampler {
  stop(): { peakRssBytes: number; samples: number };
}

export function startRssPeak(intervalMs = 100): RssPeakSampler {
  let peak = process.memoryUsage.rss();
  let samples = 1;
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
    samples++;
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const rss = process.memoryUsage.rss();
      return { peakRssBytes: Math.max(peak, rss), samples: samples + 1 };
    },
  };
}
