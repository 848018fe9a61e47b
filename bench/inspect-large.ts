/**
 * How fast and how lean is `inspectModel` on a big file? Writes a ~100 MB model (weights inside the
 * .onnx) to a temp dir, then measures in fresh child processes, so each peak RSS is its own:
 *   baseline  read the file into one Buffer and SHA-256 it (the least any inspection must do)
 *   inspect   inspectModel(path)
 * and prints the times, peak RSS growth, and inspect / baseline ratios. Goal: about a second, and
 * an RSS ratio near 1 (the weights are held once, as views into the file's Buffer).
 *
 *   node dist/bench/inspect-large.js [--mb 100] [--repeats 3]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inspectModel } from '../core/model/inspect.js';
import { writeLargeModel } from '../models/large.js';

interface Measurement {
  ms: number;
  peakRssGrowthBytes: number;
}

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '100' },
    repeats: { type: 'string', default: '3' },
    child: { type: 'string' },
    model: { type: 'string' },
  },
});

async function measureOnce(mode: string, path: string): Promise<Measurement> {
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  if (mode === 'baseline') {
    const bytes = await readFile(path);
    createHash('sha256').update(bytes).digest('hex');
  } else {
    await inspectModel(path);
  }
  const ms = performance.now() - t0;
  // maxRSS is in KiB and covers the whole process life; the child did nothing big before.
  return { ms, peakRssGrowthBytes: process.resourceUsage().maxRSS * 1024 - rssBefore };
}

function runChild(mode: string, path: string): Measurement {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, '--model', path], { encoding: 'utf8' });
  return JSON.parse(out) as Measurement;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function main(): Promise<void> {
  if (values.child && values.model) {
    process.stdout.write(JSON.stringify(await measureOnce(values.child, values.model)));
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'edgelab-inspect-large-'));
  try {
    const path = join(dir, 'large.onnx');
    const { layers, parameterBytes } = await writeLargeModel(path, Number(values.mb) * 1e6);
    console.log(`model: ${path} (${layers} layers, ${mib(parameterBytes)} of weights)`);
    await readFile(path); // warm the page cache so neither side pays for the disk

    const repeats = Number(values.repeats);
    const baseline: Measurement[] = [];
    const inspect: Measurement[] = [];
    for (let i = 0; i < repeats; i++) {
      baseline.push(runChild('baseline', path));
      inspect.push(runChild('inspect', path));
    }
    const row = (name: string, ms: number[]) => ms.map((m) => m.toFixed(0)).join(', ') + ` ms (${name})`;
    const b = { ms: median(baseline.map((m) => m.ms)), rss: median(baseline.map((m) => m.peakRssGrowthBytes)) };
    const s = { ms: median(inspect.map((m) => m.ms)), rss: median(inspect.map((m) => m.peakRssGrowthBytes)) };
    console.log(row('read + sha256', baseline.map((m) => m.ms)));
    console.log(row('inspectModel', inspect.map((m) => m.ms)));
    console.log(`baseline  median ${b.ms.toFixed(0)} ms, peak RSS growth ${mib(b.rss)}`);
    console.log(`inspect   median ${s.ms.toFixed(0)} ms, peak RSS growth ${mib(s.rss)}`);
    console.log(`ratio     time ×${(s.ms / b.ms).toFixed(2)}, RSS ×${(s.rss / b.rss).toFixed(2)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
