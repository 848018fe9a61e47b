import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { compile } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Workspace } from '../../core/evidence/index.js';
import { exportToDvc } from '../../core/export/team-export.js';
import { completedRun } from './evidence-records.js';

const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'dvc');

/** Every leaf of a metrics file: DVC's metrics are numbers in a JSON tree. */
function leaves(node: unknown, prefix = ''): Array<[string, unknown]> {
  if (node !== null && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  return [[prefix, node]];
}

function tsv(text: string): { header: string[]; rows: number[][] } {
  const [head, ...lines] = text.trimEnd().split('\n');
  return { header: (head ?? '').split('\t'), rows: lines.map((l) => l.split('\t').map(Number)) };
}

describe('edgelab export dvc writes the files DVC documents: dvc.yaml metrics/params/plots, metrics JSON, TSV plots, a Vega-Lite template', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-dvc-'));
  const small = completedRun({ modelFile: 'mobilenet.onnx', sampleCount: 300 });
  const long = completedRun({ modelFile: 'resnet50.onnx', sampleCount: 4000 });
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');

  beforeAll(async () => {
    const workspace = await Workspace.open(mkdtempSync(path.join(tmpdir(), 'edgelab-ws-')));
    await workspace.saveRun(small);
    await workspace.saveRun(long);
    const result = await exportToDvc(workspace, { dir, ids: [] });
    expect(result.runs.map((r) => r.key)).toEqual(['mobilenet-cpu', 'resnet50-cpu']);
  });

  it('dvc.yaml validates against DVC\'s published schema and names every file it wrote', () => {
    const dvcYaml = parse(read('dvc.yaml')) as { metrics: string[]; params: string[]; plots: Array<Record<string, { y: Record<string, string>; template: string }>> };
    const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(path.join(fixtures, 'dvcyaml-schema.json'), 'utf8')) as object);
    expect(validate(dvcYaml), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...dvcYaml, metric: dvcYaml.metrics })).toBe(false); // the schema does bite: a misspelt key fails
    expect(dvcYaml.metrics).toEqual(['metrics/mobilenet-cpu.json', 'metrics/resnet50-cpu.json']);
    expect(dvcYaml.params).toEqual(['params.yaml']);
    const plots = Object.assign({}, ...dvcYaml.plots) as Record<string, { y: Record<string, string>; x: string; template: string }>;
    expect(Object.keys(plots['latency per iteration']?.y ?? {})).toEqual(['plots/mobilenet-cpu/latency.tsv', 'plots/resnet50-cpu/latency.tsv']);
    expect(plots['latency CDF']).toMatchObject({ template: 'edgelab-latency-cdf', x: 'latency_ms' });
    for (const file of [...dvcYaml.metrics, ...Object.keys(plots['latency CDF']?.y ?? {})]) expect(() => read(file)).not.toThrow();
  });

  it('each metrics file is a JSON tree of numbers with units in the names', () => {
    const metrics = JSON.parse(read('metrics/mobilenet-cpu.json')) as Record<string, Record<string, number>>;
    for (const [key, value] of leaves(metrics)) expect(typeof value, key).toBe('number');
    expect(metrics['latency_ms']?.['p99']).toBe(4.99);
    expect(metrics['cold_start_ms']?.['first_inference']).toBe(9.25);
    expect(metrics['verdicts']).toEqual({ pass: 1, fail: 0, inconclusive: 0 });
  });

  it('params.yaml holds each run\'s RunSpec and identity under its key', () => {
    const params = parse(read('params.yaml')) as Record<string, Record<string, unknown>>;
    expect(params['resnet50-cpu']).toMatchObject({ run_id: long.id, model: 'resnet50.onnx', execution_provider: 'cpu', scenario: 'single-stream', evidence: 'measured', shape: { input: 'float32[1x3x224x224]' } });
  });

  it('latency per iteration keeps every sample; the CDF rises to 1 within 1000 points', () => {
    const perIteration = tsv(read('plots/resnet50-cpu/latency.tsv'));
    expect(perIteration.header).toEqual(['iteration', 'latency_ms']);
    expect(perIteration.rows.map((r) => r[1])).toEqual(long.samplesMs);
    const cdf = tsv(read('plots/resnet50-cpu/latency-cdf.tsv'));
    expect(cdf.header).toEqual(['latency_ms', 'fraction']);
    expect(cdf.rows).toHaveLength(1000);
    cdf.rows.slice(1).forEach((row, i) => {
      expect(row[0]).toBeGreaterThanOrEqual(cdf.rows[i]?.[0] ?? 0);
      expect(row[1]).toBeGreaterThan(cdf.rows[i]?.[1] ?? 0);
    });
    expect(cdf.rows.at(-1)).toEqual([Math.max(...long.samplesMs), 1]);
    expect(tsv(read('plots/mobilenet-cpu/latency-cdf.tsv')).rows).toHaveLength(300);
  });

  it('the CDF template compiles as Vega-Lite once its DVC anchors are filled as DVC fills them', () => {
    const text = read('plots/templates/edgelab-latency-cdf.json');
    expect(text).toContain('"<DVC_METRIC_DATA>"');
    const rows = tsv(read('plots/mobilenet-cpu/latency-cdf.tsv')).rows.map(([ms, fraction]) => ({ latency_ms: ms, fraction, rev: 'workspace', filename: 'plots/mobilenet-cpu/latency-cdf.tsv' }));
    const anchors: Record<string, unknown> = {
      '<DVC_METRIC_DATA>': rows, '<DVC_METRIC_TITLE>': 'Latency CDF', '<DVC_METRIC_X>': 'latency_ms', '<DVC_METRIC_Y>': 'fraction',
      '<DVC_METRIC_X_LABEL>': 'latency (ms)', '<DVC_METRIC_Y_LABEL>': 'iterations at or below', '<DVC_METRIC_PLOT_WIDTH>': 300, '<DVC_METRIC_PLOT_HEIGHT>': 300,
      '<DVC_METRIC_ZOOM_AND_PAN>': { name: 'grid', select: 'interval', bind: 'scales' },
      '<DVC_METRIC_COLOR>': { field: 'rev', type: 'nominal' }, '<DVC_METRIC_STROKE_DASH>': { field: 'filename', type: 'nominal' },
      '<DVC_METRIC_TOOLTIP>': [{ field: 'rev' }, { field: 'latency_ms' }, { field: 'fraction' }],
    };
    const filled = JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' && value in anchors ? anchors[value] : value)) as Parameters<typeof compile>[0];
    const vega = compile(filled).spec;
    expect(JSON.stringify(vega)).toContain('step-after');
  });
});
