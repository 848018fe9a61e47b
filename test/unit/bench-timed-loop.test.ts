import { describe, expect, it } from 'vitest';
import type { Clock } from '../../core/bench/clock.js';
import { timedLoop, type Inference, type LoopProgress } from '../../core/bench/single-stream.js';
import type { Feeds } from '../../core/runtime/ort.js';

/** A clock that only moves when the fake inference runs, so samples are exact. */
function fakeInference(latenciesMs: number[]) {
  let t = 0;
  let calls = 0;
  const seen: Feeds[] = [];
  const clock: Clock = { now: () => t };
  const inference: Inference = {
    run: async (feeds) => {
      seen.push(feeds);
      t += latenciesMs[calls++ % latenciesMs.length] ?? 1;
    },
  };
  return { clock, inference, seen, advance: (ms: number) => (t += ms) };
}

const pool = [{ a: 1 }, { a: 2 }, { a: 3 }] as unknown as Feeds[];

describe('timedLoop', () => {
  it('records one sample per iteration, exactly the inference time', async () => {
    const f = fakeInference([2, 4, 6]);
    const r = await timedLoop(f.inference, pool, { iterations: 5 }, 'measure', { clock: f.clock });
    expect(r.samplesMs).toEqual([2, 4, 6, 2, 4]);
    expect(r.cancelled).toBe(false);
  });

  it('rotates the input pool across iterations', async () => {
    const f = fakeInference([1]);
    await timedLoop(f.inference, pool, { iterations: 4 }, 'measure', { clock: f.clock });
    expect(f.seen).toEqual([pool[0], pool[1], pool[2], pool[0]]);
  });

  it('stops on duration when it comes before the iteration limit', async () => {
    const f = fakeInference([10]);
    const r = await timedLoop(f.inference, pool, { iterations: 100, durationMs: 35 }, 'measure', { clock: f.clock });
    expect(r.samplesMs).toHaveLength(4);
    expect(r.elapsedMs).toBe(40);
  });

  it('stops when cancelled and keeps the samples taken so far', async () => {
    const controller = new AbortController();
    const f = fakeInference([1]);
    const inference: Inference = { run: async (feeds) => { await f.inference.run(feeds); if (f.seen.length === 3) controller.abort(); } };
    const r = await timedLoop(inference, pool, { iterations: 100 }, 'measure', { clock: f.clock, signal: controller.signal });
    expect(r.cancelled).toBe(true);
    expect(r.samplesMs).toHaveLength(3);
  });

  it('reports progress between iterations, never inside the timed region', async () => {
    const f = fakeInference([50]);
    const progress: LoopProgress[] = [];
    // Progress work that takes clock time must not show up in the samples.
    const r = await timedLoop(f.inference, pool, { iterations: 6 }, 'measure', {
      clock: f.clock,
      progressEveryMs: 100,
      onProgress: (p) => { progress.push({ ...p }); f.advance(1000); },
    });
    expect(r.samplesMs).toEqual([50, 50, 50, 50, 50, 50]);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]?.phase).toBe('measure');
    expect(progress.at(-1)?.fraction).toBeLessThanOrEqual(1);
  });
});
