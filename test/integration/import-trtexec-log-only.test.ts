import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompletedRun, SummaryOnlyRun } from '../../core/api/run-record.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * A trtexec console log imported alone, through the real `edgelab` process. TensorRT cannot run
 * here: the logs are real recordings of trtexec on machines that are not here (an H100 PCIe with
 * TensorRT 10.16.1 and an RTX 3090 with 8.6.0 from NVIDIA/trt-samples-for-hackathon-cn, a Tesla T4
 * with 8.0.1 from icloud-ecnu/igniter; a Jetson AGX Orin excerpt pasted in an issue of
 * wupuhuiqianren/IGEV-YOLO8). Origins: test/fixtures/trtexec-runs/README.md and test/fixtures/README.md.
 * Every expected figure is read from the raw log text by a regex in this test, not from edgelab.
 */
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const LOGS = {
  h100: path.join(fixtures, 'trtexec-runs/logs/hackathon-cookbook_h100pcie_trt10.16.1_onnx-default.log'),
  rtx3090: path.join(fixtures, 'trtexec-runs/logs/hackathon-cookbook_rtx3090_trt8.6.0_loadEngine-infer_fp32.log'),
  t4: path.join(fixtures, 'trtexec-runs/logs/igniter_tesla-t4_trt8.0.1_loadEngine-vgg19.log'),
  orinExcerpt: path.join(fixtures, 'trtexec/2.txt'),
};
const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-import-log-only-'));

/** `Name: min = 1 ms, max = …, median = …, percentile(99%) = … ms` in the raw text → { min, …, p99 }. */
function readTimings(text: string, name: string): Record<string, number> {
  const line = new RegExp(`\\] ${name}: (min = .*)$`, 'm').exec(text)![1]!;
  return Object.fromEntries([...line.matchAll(/(min|max|mean|median|percentile\(([\d.]+)%\)) = ([\d.]+) ms/g)].map((m) => [m[2] ? `p${m[2]}` : m[1]!, Number(m[3])]));
}
const readNumber = (text: string, pattern: RegExp) => Number(pattern.exec(text)![1]);

async function importLog(log: string, targets: string[] = []) {
  const result = await runCli(['import', 'trtexec', log, ...targets.flatMap((t) => ['--target', t]), '--json', '--workspace', workspace]);
  expect(result.stderr).toBe('');
  return { code: result.code, run: JSON.parse(result.stdout) as SummaryOnlyRun };
}

describe.each([['h100'], ['rtx3090'], ['t4']] as const)('the %s log alone', (which) => {
  const text = readFileSync(LOGS[which], 'utf8');
  let run: SummaryOnlyRun;
  beforeAll(async () => {
    ({ run } = await importLog(LOGS[which]));
  });

  it('is a summary-only record, no samples, every stated figure as the log prints it', () => {
    expect(run.state).toBe('summary-only');
    expect(run.samplesMs).toEqual([]);
    expect(run.origin).toMatchObject({ kind: 'imported', tool: 'trtexec' });
    const s = run.statedSummary;
    const latency = readTimings(text, 'Latency');
    expect(s.latencyMs.mean).toBe(latency['mean']);
    expect(s.latencyMs.min).toBe(latency['min']);
    expect(s.latencyMs.max).toBe(latency['max']);
    const printed = Object.entries(latency).filter(([k]) => k.startsWith('p')).map(([k, v]) => ({ percentile: Number(k.slice(1)), valueMs: v }));
    expect(s.latencyMs.percentiles).toEqual([{ percentile: 50, valueMs: latency['median'] }, ...printed]);
    expect(s.throughputPerS).toBe(readNumber(text, /Throughput: ([\d.]+) qps/));
    expect(s.durationMs).toBeCloseTo(readNumber(text, /Total Host Walltime: ([\d.]+) s/) * 1000, 9);
    expect(s.iterations).toBe(readNumber(text, /Timing trace has (\d+) queries/));
    for (const [stage, name] of [['Enqueue Time', 'Enqueue Time'], ['H2D Latency', 'H2D Latency'], ['GPU Compute Time', 'GPU Compute Time'], ['D2H Latency', 'D2H Latency']] as const) {
      const printedStage = readTimings(text, name);
      const recorded = s.stages!.find((x) => x.name === stage)!;
      expect([recorded.mean, recorded.min, recorded.max, recorded.percentiles.find((p) => p.percentile === 50)?.valueMs]).toEqual([printedStage['mean'], printedStage['min'], printedStage['max'], printedStage['median']]);
      expect(recorded.percentiles.find((p) => p.percentile === 99)?.valueMs).toBe(printedStage['p99']);
    }
    expect(s.stages!.find((x) => x.name === 'GPU Compute Time')!.totalMs).toBeCloseTo(readNumber(text, /Total GPU Compute Time: ([\d.]+) s/) * 1000, 9);
    const built = /Engine built in ([\d.]+) sec/.exec(text);
    if (built) expect(s.compileMs).toBeCloseTo(Number(built[1]) * 1000, 9);
    else expect(s.compileMs).toBeNull();
    // Nothing computed in place of what trtexec does not print.
    expect(s.firstInferenceMs).toBeNull();
    expect(run).not.toHaveProperty('coldStart');
    expect(run).not.toHaveProperty('latencyMs');
  });
});

describe('verdicts only on the percentiles a log states', () => {
  it('a p99 the log prints is judged as a point; p99.9 it does not print is "not stated", never a pass', async () => {
    const text = readFileSync(LOGS.h100, 'utf8');
    const p99 = readTimings(text, 'Latency')['p99']!;
    const passing = await importLog(LOGS.h100, [`p99<=${p99}ms`, 'p99.9<=1000ms']);
    expect(passing.run.verdicts.map((v) => [v.target, v.status, v.observedValue])).toEqual([[`p99<=${p99}ms`, 'pass', p99], ['p99.9<=1000ms', 'inconclusive', null]]);
    expect(passing.run.verdicts[1]!.method).toMatch(/^not stated: the imported files state only median, p90, p95, p99, mean/);
    expect(passing.code).toBe(4);
    const stated = await importLog(LOGS.h100, [`p99<=${p99}ms`]);
    expect(stated.code).toBe(0);
    const failing = await importLog(LOGS.h100, [`p99<${p99}ms`, 'p99.9<=1000ms']);
    expect(failing.run.verdicts[0]!.status).toBe('fail');
    expect(failing.code).toBe(1);
  });

  it('TensorRT 8.0 prints p99 only: a p90 target on it is not stated', async () => {
    const text = readFileSync(LOGS.t4, 'utf8');
    expect(readTimings(text, 'Latency')['p90']).toBeUndefined();
    const { run, code } = await importLog(LOGS.t4, ['p90<=100ms', 'throughput>=100/s']);
    expect(run.verdicts.map((v) => v.status)).toEqual(['inconclusive', 'pass']);
    expect(run.verdicts[1]!.observedValue).toBe(readNumber(text, /Throughput: ([\d.]+) qps/));
    expect(code).toBe(4);
  });

  it('a pasted excerpt (no &&&& line, no GPU compute line) is summary-only with what it has, and says it is an excerpt', async () => {
    const text = readFileSync(LOGS.orinExcerpt, 'utf8');
    const { run, code } = await importLog(LOGS.orinExcerpt, ['p95<=80ms']);
    expect(code).toBe(0);
    expect(run.statedSummary.latencyMs.percentiles.find((p) => p.percentile === 95)?.valueMs).toBe(readTimings(text, 'Latency')['p95']);
    expect(run.statedSummary.stages!.map((x) => x.name)).toEqual(['Enqueue Time']);
    expect(run.statedSummary.iterations).toBeNull();
    expect(run.warnings.map((w) => w.code)).toContain('trtexec-log-excerpt');
  });
});

describe('on every face', () => {
  let run: SummaryOnlyRun;
  let measured: CompletedRun;
  beforeAll(async () => {
    ({ run } = await importLog(LOGS.rtx3090, ['p99<=1ms']));
    const bench = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '30', '--warmup', '2', '--no-telemetry', '--json', '--workspace', workspace]);
    measured = JSON.parse(bench.stdout) as CompletedRun;
  });
  const p99 = () => readTimings(readFileSync(LOGS.rtx3090, 'utf8'), 'Latency')['p99']!;

  it('runs marks it summary only; runs show and every report format give the stated figures', async () => {
    const line = (await runCli(['runs', '--workspace', workspace])).stdout.split('\n').find((l) => l.startsWith(run.id))!;
    expect(line).toContain('[imported] [summary only]');
    const shown = (await runCli(['runs', 'show', run.id, '--workspace', workspace])).stdout;
    expect(shown).toContain('— summary-only on tensorrt (trtexec)');
    // Terminal and Markdown round to three decimals below 1 ms (core/present/format-values.ts).
    expect(shown).toMatch(new RegExp(`Latency p99 +${p99().toFixed(3)} ms`));
    expect(shown).toContain('Samples                 none: summary only (no confidence intervals)');
    const report = async (format: string) => (await runCli(['report', run.id, '--format', format, '--workspace', workspace])).stdout;
    expect(await report('md')).toContain(`| Latency p99 | ${p99().toFixed(3)} ms |`);
    expect(await report('html')).toContain('summary-only');
    expect(JSON.parse(await report('json')).runs[0].statedSummary.latencyMs.percentiles).toEqual(run.statedSummary.latencyMs.percentiles);
    // Per-iteration CSV: the header, and no iteration rows, since there are none.
    expect((await report('csv')).trim()).toBe('run_id,iteration,latency_ms,evidence,ledger_head');
    expect(await report('junit')).toContain('<property name="state" value="summary-only"/>');
  });

  it('compares with a measured run without a significance test, and says why', async () => {
    const compared = await runCli(['compare', measured.id, run.id, '--workspace', workspace]);
    expect(compared.code).toBe(0);
    expect(compared.stdout).toContain(`Run ${run.id} holds stated summary figures only: no samples, so no significance test`);
    expect(compared.stdout).not.toMatch(/significant|p = /i);
  });

  it('is imported evidence: it ticks no measured ladder item', async () => {
    const status = JSON.parse((await runCli(['ladder', '--json', '--workspace', workspace])).stdout) as { gates: { items: { item: { id: string }; met: boolean; evidence?: { runId?: string }[] }[] }[] };
    const citing = status.gates.flatMap((g) => g.items).filter((i) => JSON.stringify(i).includes(run.id) && i.met);
    expect(citing).toEqual([]);
  });
});

describe('per-iteration times without a log', () => {
  it('record no cold start zeros: what the files do not state is null', async () => {
    const times = path.join(fixtures, 'trtexec-runs/exportTimes/nvidia-trex_rtx3090_resnet50-tf_fp32_bs32.times.json');
    const result = await runCli(['import', 'trtexec', '--times', times, '--target', 'coldstart<=1s', '--json', '--workspace', workspace]);
    const run = JSON.parse(result.stdout) as CompletedRun;
    expect(run.coldStart).toEqual({ sessionCreateMs: null, firstInferenceMs: null });
    expect(run.verdicts[0]).toMatchObject({ status: 'inconclusive', observedValue: null });
    expect(result.code).toBe(4);
  });
});
