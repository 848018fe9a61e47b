import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSetComparison } from '../../core/api/run-comparison.js';
import type { CompletedRun, ObservedRun, SummaryOnlyRun } from '../../core/api/run-record.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * Three stacks in one workspace, through the real CLI: an OpenVINO benchmark_app run and a
 * DeepStream pipeline, neither of which can run here, imported from what real runs wrote on other
 * machines (test/fixtures/openvino/SOURCES.md, test/fixtures/deepstream/README.md), and a real
 * ONNX Runtime bench of a tiny model. `edgelab compare A B C` sets each beside the first: no test
 * (two of them have no samples), the figures as each file states them, read here independently.
 */
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const ovReport = path.join(fixtures, 'openvino', 'ovrepo_8d4f2fa4_cpu_avx2_resnet50_detailed', 'benchmark_report.csv');
const dsLog = path.join(fixtures, 'deepstream', 'jetson-min-disk', 'ds6.1.1_agx-orin_jp502_source2_demux_int8.excerpt.txt');
const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-three-stacks-'));

/** `key;value;` of benchmark_report.csv, read without the importer. */
function reportValue(key: string): number {
  const line = readFileSync(ovReport, 'utf8').split(/\r?\n/).find((l) => l.startsWith(`${key};`));
  return Number(line!.split(';')[1]);
}

/** The pipeline's FPS: the sum of the streams' running averages, "(b)" on the last **PERF: line. */
function pipelineFps(): number {
  const perf = readFileSync(dsLog, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('**PERF:') && !l.includes('(Avg)'));
  return [...perf.at(-1)!.matchAll(/\(([\d.]+)\)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

async function json<T>(args: string[], code = 0): Promise<T> {
  const r = await runCli([...args, '--json', '--workspace', workspace]);
  expect(r.code, r.stderr).toBe(code);
  return JSON.parse(r.stdout) as T;
}

describe('edgelab compare across OpenVINO, DeepStream and ONNX Runtime', () => {
  let ov: SummaryOnlyRun;
  let ds: ObservedRun;
  let ort: CompletedRun;
  beforeAll(async () => {
    ov = await json<SummaryOnlyRun>(['import', 'openvino', '--report', ovReport]);
    ds = await json<ObservedRun>(['import', 'deepstream', dsLog]);
    ort = await json<CompletedRun>(['bench', await modelPath('tiny-classifier'), '--iterations', '50']);
  }, 120_000);

  it('puts the three runs in one comparison against the first, each figure as its file states it', async () => {
    expect([ov.state, ds.state, ort.state]).toEqual(['summary-only', 'observed', 'completed']);
    const { comparison } = await json<{ comparison: RunSetComparison }>(['compare', ov.id, ds.id, ort.id]);
    expect(comparison.baselineId).toBe(ov.id);
    expect(comparison.runs.map((r) => [r.id, r.state])).toEqual([[ov.id, 'summary-only'], [ds.id, 'observed'], [ort.id, 'completed']]);
    expect(comparison.pairs).toEqual([]);
    expect(comparison.skipped).toEqual([]);
    const [withDs, withOrt] = comparison.statedPairs;
    expect([withDs?.a.id, withDs?.b.id, withOrt?.a.id, withOrt?.b.id]).toEqual([ov.id, ds.id, ov.id, ort.id]);

    // The pipeline states frames per second only: throughput is the one figure both sides have.
    const fps = pipelineFps();
    expect(withDs!.metrics).toEqual([{ metric: 'throughput', unit: '/s', a: reportValue('throughput'), b: expect.closeTo(fps, 6), ratio: expect.closeTo(fps / reportValue('throughput'), 6) }]);
    expect(withDs!.notStated).toEqual(['p50', 'p90', 'p95', 'p99', 'mean', 'min', 'max']);
    expect(comparison.runs[1]!.throughputPerS).toBeCloseTo(fps, 6);

    // The OpenVINO report states a median, mean, min, max and throughput; the ORT run has them all, computed from its samples.
    const byMetric = Object.fromEntries(withOrt!.metrics.map((m) => [m.metric, m]));
    expect(Object.keys(byMetric).sort()).toEqual(['max', 'mean', 'min', 'p50', 'throughput']);
    expect(byMetric['p50']).toMatchObject({ a: reportValue('Median latency (ms)'), b: ort.latencyMs.p50, ratio: ort.latencyMs.p50 / reportValue('Median latency (ms)') });
    expect(byMetric['mean']).toMatchObject({ a: reportValue('Average latency (ms)'), b: ort.latencyMs.mean });
    expect(byMetric['throughput']).toMatchObject({ a: reportValue('throughput'), b: ort.throughputPerS });
    expect(withOrt!.notStated).toEqual(['p90', 'p95', 'p99']);

    // Unlike runs are said to be unlike: other models, other engines, imported, untested.
    for (const pair of [withDs!, withOrt!]) {
      const codes = pair.warnings.map((w) => w.code);
      expect(codes).toEqual(expect.arrayContaining(['different-model', 'different-engine', 'imported-evidence', 'summary-only']));
    }
    expect(withDs!.warnings.map((w) => w.code)).toContain('pipeline-observed');
    expect(withOrt!.warnings.find((w) => w.code === 'different-model')!.message).toContain('tiny-classifier.onnx');
  });

  it('prints the same comparison as text', async () => {
    const r = await runCli(['compare', ov.id, ds.id, ort.id, '--workspace', workspace]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`(${ov.id}), summary only`);
    expect(r.stdout).toContain(`(${ds.id}), observed pipeline`);
    expect(r.stdout).toContain(`(${ort.id})`);
    expect(r.stdout.match(/! different-model: The runs measured different models/g)).toHaveLength(2);
    expect(r.stdout).toContain('not tested (no samples)');
    expect(r.stdout).not.toMatch(/significant|Mann–Whitney/);
  });
});
