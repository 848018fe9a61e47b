/**
 * Does the harness cost anything measurable? Runs the lab's timed loop (with progress reporting on,
 * as the CLI runs it) and a bare `await session.run()` loop alternately on the same session and
 * inputs in one process, and prints the ratio of their medians. Goal: ≤ 1.02. It also runs the lab's
 * loop with telemetry sampling (4 Hz, as `edgelab bench` does by default) against the loop without
 * it, alternating the same way, and prints that ratio too (goal ≤ 1.02).
 *
 *   npm run bench:overhead [-- --rounds 12 --iterations 150 --model path.onnx --dim batch=1]
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
import { TELEMETRY_INTERVAL_MS } from '../core/bench/run-benchmark.js';
import { startRssPeak } from '../core/telemetry/rss-peak.js';
import { startTelemetry } from '../core/telemetry/sampler.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '12' },
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
  const telemetryOn: number[] = [];
  const telemetryOff: number[] = [];
  const perRoundTelemetry: string[] = [];
  for (let r = 0; r < rounds; r++) {
    const on = r % 2 === 0 ? await withTelemetry() : [];
    const off = await labLoop();
    const onAfter = r % 2 === 1 ? await withTelemetry() : on;
    telemetryOn.push(...onAfter);
    telemetryOff.push(...off);
    perRoundTelemetry.push((median(onAfter) / median(off)).toFixed(3));
  }
  const lab: number[] = [];
  const bare: number[] = [];
  const perRound: string[] = [];
  for (let r = 0; r < rounds; r++) {
    // Swap the order every round so neither loop always runs right after the other.
    const order = r % 2 === 0 ? ['bare', 'lab'] : ['lab', 'bare'];
    let b: number[] = [];
    let l: number[] = [];
    for (const which of order) {
      if (which === 'bare') b = await bareLoop(session, pool, iterations);
      else l = (await timedLoop(session, pool, { iterations }, 'measure', { clock: monotonicClock, onProgress: () => {} })).samplesMs;
    }
    bare.push(...b);
    lab.push(...l);
    perRound.push((median(l) / median(b)).toFixed(3));
  }
  await session.release();
  const ratio = median(lab) / median(bare);
  console.log(`model        ${path.relative(process.cwd(), model)}`);
  console.log(`samples      ${lab.length} lab, ${bare.length} bare (${rounds} alternating rounds × ${iterations})`);
  console.log(`median       lab ${median(lab).toFixed(3)} ms · bare ${median(bare).toFixed(3)} ms`);
  console.log(`per round    ${perRound.join(' ')}`);
  console.log(`ratio        ${ratio.toFixed(4)} (lab / bare median; goal ≤ 1.02) ${ratio <= 1.02 ? 'OK' : 'OVER'}`);
  const telemetryRatio = median(telemetryOn) / median(telemetryOff);
  console.log(`telemetry    median on ${median(telemetryOn).toFixed(3)} ms · off ${median(telemetryOff).toFixed(3)} ms (${TELEMETRY_INTERVAL_MS} ms interval)`);
  console.log(`per round    ${perRoundTelemetry.join(' ')}`);
  console.log(`ratio        ${telemetryRatio.toFixed(4)} (telemetry on / off median; goal ≤ 1.02) ${telemetryRatio <= 1.02 ? 'OK' : 'OVER'}`);
}

await main();
