/**
 * Do bundling and merging stream? Records one real run of the generated tiny-classifier (ONNX
 * Runtime), saves N copies of it under fresh ids through the workspace's own save path, then in
 * this one process:
 *   1. bundles the last tenth of the runs (--since the head before them) and merges that bundle
 *      into a fresh workspace, and prints the peak RSS;
 *   2. bundles all N runs and merges them into another fresh workspace, and prints the peak RSS.
 * Runs/s for each step, and the ratio of the two peaks: bounded memory means ten times the runs
 * does not take ten times the memory (the peak is the process's, so step 2's includes step 1's).
 *
 *   node dist/bench/bundle.js [--runs 10000]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RunSpecSchema } from '../core/api/run-spec.js';
import { newRunId } from '../core/evidence/evidence-id.js';
import { Workspace } from '../core/evidence/workspace.js';
import { recordRun } from '../core/measure/record-run.js';
import { generateModel } from '../models/generate.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10000' } } });
const count = Number(values.runs);
const tenth = Math.max(1, Math.floor(count / 10));

const dir = await mkdtemp(join(tmpdir(), 'edgelab-bench-bundle-'));
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
// resourceUsage().maxRSS is in KiB.
const peak = () => process.resourceUsage().maxRSS * 1024;
// With --expose-gc (npm run bench:bundle passes it): the heap still held after a full collection,
// which is what would grow with the run count if anything kept every run. Peak RSS also counts
// garbage not yet collected, and the young generation V8 grows under many short-lived buffers.
const retained = () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  return process.memoryUsage().heapUsed;
};
const line = (text: string) => process.stdout.write(`${text}\n`);
try {
  const model = await generateModel('tiny-classifier', join(dir, 'models'));
  const spec = RunSpecSchema.parse({ model, scenario: { kind: 'single-stream', warmup: { iterations: 5 }, iterations: 200 }, telemetry: false });
  const { record } = await recordRun(spec, {});
  const source = await Workspace.open(join(dir, 'source'), { stateDir: join(dir, 'state-source') });
  let sinceHead = '';
  let t = performance.now();
  for (let i = 0; i < count; i++) {
    const saved = await source.saveRun({ ...record, id: newRunId(new Date(Date.UTC(2026, 0, 1) + i * 1000)) });
    if (i === count - tenth - 1) sinceHead = saved.entry.entryHash;
  }
  line(`${count} runs of ${record.samplesMs.length} samples recorded through saveRun in ${((performance.now() - t) / 1000).toFixed(1)} s; peak RSS so far ${mib(peak())}`);
  const hardware = { fingerprint: null, summary: null };

  const step = async (name: string, runs: number, options: { all: boolean; since?: string }) => {
    const out = join(dir, `${name}.tar`);
    t = performance.now();
    await source.bundleRuns({ runIds: [], ...options, out, hardware, unit: 'bench' });
    const bundleS = (performance.now() - t) / 1000;
    const target = await Workspace.open(join(dir, `merged-${name}`), { stateDir: join(dir, `state-${name}`) });
    t = performance.now();
    let heapHigh = 0;
    // Sampled while the merge runs: the largest heap still held after a collection.
    const sampler = setInterval(() => (heapHigh = Math.max(heapHigh, retained() ?? 0)), 250);
    const [outcome] = await target.mergeBundles([out]).finally(() => clearInterval(sampler));
    const mergeS = (performance.now() - t) / 1000;
    if (outcome?.runs.filter((r) => r.action === 'add').length !== runs) throw new Error(`${name}: expected ${runs} runs added`);
    const report = await target.verify();
    if (!report.ok) throw new Error(`${name}: the merged workspace does not verify`);
    line(`${String(runs).padStart(6)} runs  bundle ${(runs / bundleS).toFixed(0).padStart(6)} runs/s (${mib((await stat(out)).size)})  merge ${(runs / mergeS).toFixed(0).padStart(5)} runs/s  peak RSS ${mib(peak())}${heapHigh > 0 ? `  heap held during the merge ≤ ${mib(heapHigh)}` : ''}`);
    return peak();
  };
  const small = await step('tenth', tenth, { all: false, since: sinceHead });
  const large = await step('all', count, { all: true });
  line(`peak RSS, ${count} runs / ${tenth} runs: ${(large / small).toFixed(2)} (bounded memory: far below ${(count / tenth).toFixed(0)})`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
