import { describe, expect, it } from 'vitest';
import type { Feeds } from '../../core/runtime/ort.js';
import type { LoopProgress } from '../../core/bench/single-stream.js';
import { serverLoop } from '../../core/bench/scenarios/server.js';
import { throughputLoop } from '../../core/bench/scenarios/throughput.js';

// Virtual time: each inference advances the clock by its cost, so progress reporting is checked
// without depending on how fast (or how busy) this machine is.
function virtualTime(costMs: number) {
  let now = 0;
  return {
    clock: { now: () => now },
    host: { now: () => now, sleep: async (ms: number) => void (now += ms) },
    inference: { run: async () => void (now += costMs) },
  };
}
const pool = [{} as Feeds];

describe('throughput and server loops report their samples while they run (the live chart)', () => {
  it('throughput: progress carries the samples so far, growing, outside the timed region', async () => {
    const t = virtualTime(10);
    const reports: { iterations: number; samples: number; fraction: number }[] = [];
    const onProgress = (p: LoopProgress) => reports.push({ iterations: p.iterations, samples: p.samplesMs.length, fraction: p.fraction });
    const result = await throughputLoop([t.inference, t.inference], pool, { iterations: 40 }, { clock: t.clock, concurrency: 2, onProgress, progressEveryMs: 50 });
    expect(result.samplesMs).toHaveLength(40);
    expect(reports.length).toBeGreaterThan(2);
    for (const r of reports) expect(r.samples).toBe(r.iterations);
    for (let i = 1; i < reports.length; i++) expect((reports[i] as { iterations: number }).iterations).toBeGreaterThan((reports[i - 1] as { iterations: number }).iterations);
    expect(reports.at(-1)?.fraction).toBeLessThanOrEqual(1);
  });

  it('server: progress reports completed queries in completion order, their latency from the scheduled arrival', async () => {
    const t = virtualTime(5);
    const arrivals = Array.from({ length: 30 }, (_, i) => i * 20);
    const reports: LoopProgress[] = [];
    const result = await serverLoop([t.inference], pool, arrivals, { host: t.host, onProgress: (p) => reports.push({ ...p, samplesMs: [...p.samplesMs] }), progressEveryMs: 100 });
    expect(result.samplesMs).toHaveLength(30);
    expect(reports.length).toBeGreaterThan(2);
    const last = reports.at(-1) as LoopProgress;
    expect(last.samplesMs.every((s) => s >= 0)).toBe(true);
    expect(last.fraction).toBe(last.iterations / 30);
  });
});
