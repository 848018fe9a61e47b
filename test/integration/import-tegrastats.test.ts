import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ObservedRun, RunRecord } from '../../core/api/run-record.js';
import { boardInputPower } from '../../core/telemetry/board-input-power.js';
import { parseTegrastatsLine } from '../../core/telemetry/tegrastats.js';
import { repoRoot, runCli } from '../helpers/cli.js';

/**
 * `edgelab import tegrastats LOG --run ID` and `edgelab compare` of a pipeline with its model alone,
 * through the real edgelab process. No Jetson and no DeepStream here: the tegrastats lines are real
 * recorded output (test/fixtures/tegrastats/, origins in test/fixtures/README.md), the pipeline is the
 * recorded DeepStream 6.1.1 AGX Orin log, the model run the recorded trtexec exports of an RTX 3060
 * Laptop (test/fixtures/trtexec-runs/README.md).
 */
const ORIN_PIPELINE = path.join(repoRoot, 'test/fixtures/deepstream/jetson-min-disk/ds6.1.1_agx-orin_jp502_source2_demux_int8.excerpt.txt');
const ORIN_NANO = path.join(repoRoot, 'test/fixtures/tegrastats/orin-nano-1.txt');
const AGX_ORIN = path.join(repoRoot, 'test/fixtures/tegrastats/agx-orin-4.txt');
const TIMES = path.join(repoRoot, 'test/fixtures/trtexec-runs/exportTimes/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json');

const ws = mkdtempSync(path.join(tmpdir(), 'edgelab-tegra-'));
const json = async (args: string[]) => {
  const r = await runCli([...args, '--json', '--workspace', ws]);
  return { ...r, record: r.code === 0 ? (JSON.parse(r.stdout) as RunRecord) : null };
};

/** The PERF averages of the last report, summed: the pipeline's FPS as this test reads the log. */
function pipelineFps(): number {
  const last = readFileSync(ORIN_PIPELINE, 'utf8').split('\n').filter((l) => /\*\*PERF:\s+\d/.test(l)).at(-1)!;
  return [...last.matchAll(/\(([\d.]+)\)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

interface Linked { framesPerSecond: number; frames: number; joulesPerFrame: number; intervalMs: number; intervalBasis: string; runId: string }
interface Energy { available: true; value: { energyJ: number; averagePowerW: number; source: string } }

describe('edgelab import tegrastats', () => {
  it('an Orin Nano log (VDD_IN: the total-input rail) linked to a DeepStream run: power, energy per frame, series', async () => {
    const pipeline = await json(['import', 'deepstream', ORIN_PIPELINE]);
    const r = await json(['import', 'tegrastats', ORIN_NANO, '--run', pipeline.record!.id]);
    expect(r.stderr).toBe('');
    const record = r.record as ObservedRun;
    expect(record.state).toBe('observed');
    expect(record.origin?.tool).toBe('tegrastats');
    // Read here: VDD_IN's current value on each line, in mW.
    const lines = readFileSync(ORIN_NANO, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const watts = lines.map((l) => Number(/VDD_IN (\d+)mW\//.exec(l)![1]) / 1000);
    const meanW = watts.reduce((a, b) => a + b, 0) / watts.length;
    // Its five lines share one timestamp (19:20:22): the interval is tegrastats' default, 1000 ms.
    const seconds = lines.length * 1;
    const energy = (record.extras['telemetry'] as { energy: Energy }).energy.value;
    expect(energy.averagePowerW).toBeCloseTo(meanW, 9);
    expect(energy.energyJ).toBeCloseTo(meanW * seconds, 9);
    expect(energy.source).toContain('VDD_IN, total-input rail');
    const linked = record.extras['observedDuring'] as Linked;
    expect(linked.runId).toBe(pipeline.record!.id);
    expect(linked.intervalBasis).toBe('given');
    expect(linked.framesPerSecond).toBeCloseTo(pipelineFps(), 9);
    expect(linked.frames).toBeCloseTo(pipelineFps() * seconds, 9);
    expect(linked.joulesPerFrame).toBeCloseTo((meanW * seconds) / (pipelineFps() * seconds), 9);
    expect(record.durationMs).toBe(seconds * 1000);
    // The same series edgelab's own telemetry keeps for its charts.
    const series = (record.extras['telemetry'] as { series: { elapsedMs: number[]; powerW: number[] } }).series;
    expect(series.elapsedMs).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(series.powerW).toEqual(watts.map((w) => Math.round(w * 10) / 10));
    const report = await runCli(['report', record.id, '--workspace', ws]);
    expect(report.stdout).toContain('5 samples every 1000 ms, as the imported tegrastats log recorded them.');
    expect(report.stdout).not.toContain('never inside the timed region');

    // --interval: half the time between lines halves the energy and the frames, not the energy per frame.
    const half = await json(['import', 'tegrastats', ORIN_NANO, '--run', pipeline.record!.id, '--interval', '500']);
    const halfLinked = half.record!.extras['observedDuring'] as Linked;
    expect(halfLinked.frames).toBeCloseTo(linked.frames / 2, 9);
    expect(halfLinked.joulesPerFrame).toBeCloseTo(linked.joulesPerFrame, 12);
  });

  it('an AGX Orin log (no total-input rail): power by the same board-power rule as edgelab\'s own runs, time from the lines\' timestamps', async () => {
    const pipeline = await json(['import', 'deepstream', ORIN_PIPELINE]);
    const r = await json(['import', 'tegrastats', AGX_ORIN, '--run', pipeline.record!.id]);
    const lines = readFileSync(AGX_ORIN, 'utf8').split('\n').filter((l) => l.trim() !== '');
    // The rule itself lives in core/telemetry/board-input-power.ts (measured runs use it too); the
    // import must agree with it line for line, whatever it decides for this board.
    const rule = lines.map((l) => boardInputPower(parseTegrastatsLine(l).powerRails)!);
    const meanW = rule.reduce((a, p) => a + p.powerW, 0) / rule.length;
    const energy = (r.record!.extras['telemetry'] as { energy: Energy }).energy.value;
    expect(energy.averagePowerW).toBeCloseTo(meanW, 9);
    expect(energy.source).toContain(`${rule[0]!.rail}, ${rule[0]!.method}`);
    const linked = r.record!.extras['observedDuring'] as Linked;
    // 10:59:22 and 10:59:23: one second apart.
    expect(linked.intervalBasis).toBe('timestamps');
    expect(linked.intervalMs).toBe(1000);
    expect(energy.energyJ).toBeCloseTo(meanW * 2, 9);
  });

  it('refuses an unknown run, a missing --run and a log that is not tegrastats output (exit 2)', async () => {
    const unknown = await runCli(['import', 'tegrastats', ORIN_NANO, '--run', '20991231T000000Z-000000', '--workspace', ws]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('20991231T000000Z-000000');
    const noRun = await runCli(['import', 'tegrastats', ORIN_NANO, '--workspace', ws]);
    expect(noRun.code).toBe(2);
    expect(noRun.stderr).toContain('no --run given');
    const pipeline = await json(['import', 'deepstream', ORIN_PIPELINE]);
    const wrong = await runCli(['import', 'tegrastats', ORIN_PIPELINE, '--run', pipeline.record!.id, '--workspace', ws]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`LOG ${ORIN_PIPELINE}, line 1: not a tegrastats line`);
  });
});

describe('edgelab compare: a DeepStream pipeline against its model alone', () => {
  it('states the pipeline\'s time per frame beyond inference', async () => {
    const pipeline = await json(['import', 'deepstream', ORIN_PIPELINE]);
    const model = await json(['import', 'trtexec', '--times', TIMES]);
    expect(model.record?.state).toBe('completed');
    const r = await runCli(['compare', model.record!.id, pipeline.record!.id, '--workspace', ws]);
    expect(r.code).toBe(0);
    const throughput = model.record!.state === 'completed' ? model.record!.throughputPerS : NaN;
    const pipelineMs = 1000 / pipelineFps();
    const inferenceMs = 1000 / throughput;
    const shown = (x: number) => (x >= 100 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
    expect(r.stdout).toContain(`→ ${shown(pipelineMs)} ms of pipeline time per frame`);
    expect(r.stdout).toContain(`→ ${shown(inferenceMs)} ms of inference per frame`);
    expect(r.stdout).toContain(`overhead   ${shown(pipelineMs - inferenceMs)} ms per frame beyond inference`);
    // Both streams run steadily at 30 FPS, a common source rate: the pipeline may be paced by them.
    expect(r.stdout).toContain('paced by its sources');
    const asJson = await runCli(['compare', pipeline.record!.id, model.record!.id, '--json', '--workspace', ws]);
    const overhead = (JSON.parse(asJson.stdout) as { pipelineOverhead: { overheadMsPerFrame: number } }).pipelineOverhead;
    expect(overhead.overheadMsPerFrame).toBeCloseTo(pipelineMs - inferenceMs, 9);
  });
});
