/**
 * Does the harness cost anything measurable? Runs the lab's timed loop (with progress reporting on,
 * as the CLI runs it) and a bare `await session.run()` loop alternately on the same session and
 * inputs in one process, and prints the ratio of their medians. Goal: ≤ 1.02. It also runs the lab's
 * loop with telemetry sampling (4 Hz, as `edgelab bench` does by default) against the loop without
 * it, alternating the same way, and prints that ratio too (goal ≤ 1.02).
 *
 *   npm run bench:overhead [-- --rounds 20 --iterations 150 --model path.onnx --dim batch=1]
 *
 * Alternating rounds spread drift (thermal, other processes on a shared machine) evenly over both.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SessionSettingsSchema } from '../core/api/run-spec.js';
import { monotonicClock } from '../core/bench/clock.js';
import { timedLoop } from '../core/bench/single-stream.js';
import { inspectModel } from '../core/model/inspect.js';
import { resolveInputShapes } from '../core/inputs/shapes.js';
import { synthesizeFeeds } from '../core/inputs/synthetic.js';
import type { Feeds, InferenceSession } from '../core/runtime/ort.js';
import { createSession } from '../core/runtime/session.js';
import { quantileSorted } from '../core/stats/quantile.js';
import { packageRoot } from '../core/package-root.js';
import { generateAll } from '../models/generate.js';
import { TELEMETRY_INTERVAL_MS } from '../core/bench/measure-limits.js';
import { startRssPeak } from '../core/telemetry/rss-peak.js';
import { startTelemetry } from '../core/telemetry/sampler.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    iterations: { type: 'string', default: '150' },
    model: { type: 'string' },
    dim: { type: 'string', multiple: true },
    threads: { type: 'string', default: '0' },
  },
});

async function bareLoop(session: InferenceSession, pool: readonly Feeds[], iterations: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const feeds = pool[i % pool.length] as Feeds;
    const t0 = performance.now();
    await session.run(feeds);
    samples.push(performance.now() - t0);
  }
  return samples;
}

const median = (xs: number[]) => quantileSorted([...xs].sort((a, b) => a - b), 0.5);

async function main(): Promise<void> {
  const model = values.model ?? (await generateAll(path.join(packageRoot(), 'models', 'generated')))['mobilenet-style'];
  const dims = Object.fromEntries((values.dim ?? ['batch=1']).map((d) => d.split('=')).map(([k, v]) => [k, Number(v)]));
  const info = await inspectModel(model);
  const inputs = resolveInputShapes(model, info.inputs, dims, {});
  const pool = synthesizeFeeds(inputs, 1, 4);
  const { session } = await createSession(model, SessionSettingsSchema.parse({ intraOpNumThreads: Number(values.threads) }));
  const rounds = Number(values.rounds);
  const iterations = Number(values.iterations);

  await bareLoop(session, pool, 30); // warm-up shared by both
  const labLoop = async () => (await timedLoop(session, pool, { iterations }, 'measure', { clock: monotonicClock, onProgress: () => {} })).samplesMs;
  const withTelemetry = async () => {
    const recorder = await startTelemetry({ intervalMs: TELEMETRY_INTERVAL_MS });
    const rss = startRssPeak();
    const samples = await labLoop();
    rss.stop();
    await recorder.stop();
    return samples;
  };

  console.log(`model        ${path.relative(process.cwd(), model)}`);
  console.log(`rounds       ${rounds} alternating rounds × ${iterations} iterations per loop`);
  report('harness', 'lab loop', 'bare loop', await paired(rounds, labLoop, () => bareLoop(session, pool, iterations)));
  report('telemetry', 'on', 'off', await paired(rounds, withTelemetry, labLoop));
  await session.release();
}

interface Paired {
  a: number[];
  b: number[];
  perRound: number[];
}

/**
 * Runs `a` and `b` back to back each round, swapping their order every round so neither always
 * runs first. The per-round ratio compares loops run seconds apart, which cancels the slow drift of
 * a shared machine; its median is the figure to read. The ratio of pooled medians is printed too.
 */
async function paired(rounds: number, a: () => Promise<number[]>, b: () => Promise<number[]>): Promise<Paired> {
  const out: Paired = { a: [], b: [], perRound: [] };
  for (let r = 0; r < rounds; r++) {
    let sa: number[];
    let sb: number[];
    if (r % 2 === 0) {
      sa = await a();
      sb = await b();
    } else {
      sb = await b();
      sa = await a();
    }
    out.a.push(...sa);
    out.b.push(...sb);
    out.perRound.push(median(sa) / median(sb));
  }
  return out;
}

function report(name: string, aName: string, bName: string, p: Paired): void {
  const pooled = median(p.a) / median(p.b);
  const perRound = median(p.perRound);
  const sorted = [...p.perRound].sort((x, y) => x - y);
  console.log(`\n${name}`);
  console.log(`  median     ${aName} ${median(p.a).toFixed(3)} ms · ${bName} ${median(p.b).toFixed(3)} ms (${p.a.length} samples each)`);
  console.log(`  per round  ${p.perRound.map((r) => r.toFixed(3)).join(' ')}`);
  console.log(`  ratio      ${perRound.toFixed(4)} median of per-round ratios (${aName} / ${bName}; range ${sorted[0]?.toFixed(3)}–${sorted.at(-1)?.toFixed(3)}); goal ≤ 1.02 ${perRound <= 1.02 ? 'OK' : 'OVER'}`);
  console.log(`  pooled     ${pooled.toFixed(4)} ratio of pooled medians`);
  // Timers on the same thread (telemetry, the RSS sampler) would show in the tail before the median.
  const p99 = (xs: number[]) => quantileSorted([...xs].sort((x, y) => x - y), 0.99);
  console.log(`  p99        ${aName} ${p99(p.a).toFixed(3)} ms · ${bName} ${p99(p.b).toFixed(3)} ms, ratio ${(p99(p.a) / p99(p.b)).toFixed(4)} (informative; the tail of a shared machine is noisy)`);
}

await main();
