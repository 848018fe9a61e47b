/**
 * How long does `edgelab` take to start? Runs each command 10 times (alternating, so a load spike
 * hits all of them alike) as a fresh process and prints the median wall time of each against bare
 * Node (`node -e 0`) started the same way in the same run, as a difference and a ratio:
 *   node -e 0                       the floor: Node itself
 *   edgelab --help                  the command table and nothing else
 *   edgelab inspect tiny-classifier the ONNX protobuf reader, no ONNX Runtime, sharp or vega
 * Goal: --help and inspect within 0.15 s of bare Node.
 *
 *   node dist/bench/startup.js [--repeats 10] [--model PATH]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateModel } from '../models/generate.js';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '10' }, model: { type: 'string' } } });
const repeats = Number(values.repeats);
if (!Number.isInteger(repeats) || repeats < 1) {
  process.stderr.write(`bench:startup: --repeats must be a whole number ≥ 1, got '${values.repeats}'.\n`);
  process.exit(2);
}

const edgelab = fileURLToPath(new URL('../../bin/edgelab.js', import.meta.url));
const model = values.model ?? (await generateModel('tiny-classifier', fileURLToPath(new URL('../../models/generated/', import.meta.url))));

const cases: Array<{ label: string; args: string[] }> = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'edgelab --help', args: [edgelab, '--help'] },
  { label: 'edgelab inspect MODEL', args: [edgelab, 'inspect', model] },
];

function wallMs(args: string[]): number {
  const t0 = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const samples = cases.map(() => [] as number[]);
for (const c of cases) wallMs(c.args); // one unmeasured start each: file cache, not startup, is cold then
for (let round = 0; round < repeats; round++) {
  const order = round % 2 === 0 ? cases.map((_, i) => i) : cases.map((_, i) => cases.length - 1 - i);
  for (const i of order) samples[i]?.push(wallMs(cases[i]?.args ?? []));
}

const medians = samples.map(median);
const base = medians[0] as number;
process.stdout.write(`Startup, median of ${repeats} fresh processes (Node ${process.versions.node}; model ${model})\n`);
cases.forEach((c, i) => {
  const ms = medians[i] as number;
  const diff = (ms - base) / 1000;
  const versus = i === 0 ? 'baseline' : `${diff >= 0 ? '+' : '−'}${Math.abs(diff).toFixed(3)} s over node -e 0, ×${(ms / base).toFixed(2)}`;
  process.stdout.write(`  ${c.label.padEnd(24)} ${(ms / 1000).toFixed(3)} s   ${versus}\n`);
});
const worst = Math.max(...medians.slice(1)) - base;
process.stdout.write(`Goal: within 0.150 s of node -e 0 — ${worst <= 150 ? 'met' : 'not met'} (worst +${(worst / 1000).toFixed(3)} s)\n`);
