/**
 * `edgelab report --tradeoff` through the real edgelab process, on real runs: small generated
 * detectors whose outputs are known, scored by accuracy passes over a COCO set the test writes (no
 * labelled photos can be had here), each timed by a short `edgelab bench`, and a price stated with
 * `edgelab price set`. The table's figures are checked against the records themselves, and its
 * Pareto front against a brute-force front computed here from the same records.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompletedRun, RunRecord } from '../../core/api/run-record.js';
import type { TradeoffView } from '../../core/api/tradeoff.js';
import { runCli } from '../helpers/cli.js';
import { FakeMlflowServer } from '../helpers/fake-mlflow-server.js';
import { writeConstantOutputModel } from '../helpers/constant-output-model.js';
import { tempSet, writeImage, writeText } from '../helpers/label-set-files.js';

const S = 64;
const root = tempSet('tradeoff');
const ws = path.join(root, 'ws');
const images = path.join(root, 'images');
const gtFile = path.join(root, 'instances.json');
const classes = writeText(path.join(root, 'classes.txt'), 'cat\ndog\n');
const CATEGORIES = [{ id: 1, name: 'cat' }, { id: 3, name: 'dog' }];
const ROWS = [[10, 10, 30, 30, 0.9, 0], [40, 40, 60, 60, 0.8, 1], [30, 5, 50, 20, 0.6, 1]];
const OBJECTS: number[][][] = [[[10, 10, 20, 20, 1], [40, 40, 20, 20, 3]], [[12, 11, 20, 20, 1]], [[30, 5, 20, 15, 3]], [[41, 41, 19, 19, 3], [2, 50, 10, 10, 1]]];
/** Each variant's detection rows: the reference, boxes moved by 4 px, one box dropped. */
const VARIANTS: Record<string, number[][]> = {
  reference: ROWS,
  shifted: ROWS.map(([x1, y1, x2, y2, s, k]) => [x1! + 4, y1!, x2! + 4, y2!, s!, k!]),
  pruned: ROWS.slice(0, 2),
};
const STREAM_FPS = 10;

const cli = (args: string[]) => runCli([...args, '--workspace', ws]);
const json = <T>(text: string) => JSON.parse(text) as T;
const passes: Record<string, RunRecord> = {};
const timed: Record<string, CompletedRun> = {};

async function model(name: string, rows: number[][]): Promise<string> {
  const file = path.join(root, `${name}.onnx`);
  await writeConstantOutputModel(file, { height: S, width: S }, [{ name: 'output0', dtype: 'float32', dims: [1, rows.length, 6], values: rows.flat() }]);
  return file;
}

async function pass(file: string, extra: string[] = []): Promise<RunRecord> {
  const r = await cli(['eval', file, '--labels', 'coco', '--annotations', gtFile, '--images', images, '--classes', classes, '--decoder', 'nms-rows', '--json', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return json<RunRecord>(r.stdout);
}

async function tradeoff(extra: string[] = []): Promise<TradeoffView> {
  const r = await cli(['report', '--tradeoff', '--format', 'json', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return json<TradeoffView>(r.stdout);
}

beforeAll(async () => {
  const imageList = OBJECTS.map((_, i) => ({ id: i + 1, file_name: `im${i + 1}.png`, width: S, height: S }));
  for (const im of imageList) await writeImage(path.join(images, im.file_name), S, S);
  let id = 1;
  const annotations = OBJECTS.flatMap((objs, i) => objs.map(([x, y, w, h, c]) => ({ id: id++, image_id: i + 1, category_id: c, bbox: [x, y, w, h], area: w! * h!, iscrowd: 0 })));
  writeFileSync(gtFile, JSON.stringify({ images: imageList, annotations, categories: CATEGORIES }));
  for (const [name, rows] of Object.entries(VARIANTS)) {
    const file = await model(name, rows);
    passes[name] = await pass(file, name === 'reference' ? [] : ['--reference', passes['reference']!.id, '--resamples', '100']);
    const b = await cli(['bench', file, '--iterations', '30', '--warmup', '2', '--target', `fps>=${STREAM_FPS}`, '--json']);
    expect(b.code, b.stderr).toBe(0);
    timed[name] = json<CompletedRun>(b.stdout);
  }
  // A variant with an accuracy pass and no timed run: shown, not ranked.
  passes['untimed'] = await pass(await model('untimed', ROWS.slice(1)));
}, 240_000);

/** The front by brute force over the records: a variant is dropped when another is no worse on every objective and better on one. */
function independentFront(rows: Array<{ name: string; accuracy: number; p99: number; cost: number | null }>): string[] {
  const withCost = rows.every((r) => r.cost !== null);
  const objectives = (r: (typeof rows)[number]) => [r.accuracy, -r.p99, ...(withCost ? [-(r.cost as number)] : [])];
  return rows.filter((b) => !rows.some((a) => {
    const [oa, ob] = [objectives(a), objectives(b)];
    return a !== b && oa.every((v, i) => v >= ob[i]!) && oa.some((v, i) => v > ob[i]!);
  })).map((r) => r.name).sort();
}

const ap = (r: RunRecord) => (r.extras.accuracyPass as { metrics: { stats: { AP: number } } }).metrics.stats.AP;

describe('edgelab report --tradeoff', () => {
  it('shows a run with no price as "not stated", and leaves cost out of the front', async () => {
    const view = await tradeoff();
    expect(view.families).toHaveLength(1);
    const family = view.families[0]!;
    expect(family.groupedBy).toBe('labelled set and input shape');
    expect(family.objectives).toEqual(['accuracy', 'p99']);
    expect(family.costLeftOut).toMatch(/no price stated/);
    expect(family.variants.every((v) => v.price === null)).toBe(true);
    const rows = family.variants.filter((v) => v.unranked === null).map((v) => ({ name: v.name, accuracy: v.accuracy.value, p99: v.p99Ms!, cost: null }));
    expect(family.variants.filter((v) => v.pareto).map((v) => v.name).sort()).toEqual(independentFront(rows));
    const md = await cli(['report', '--tradeoff']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| not stated |');
  });

  it('joins each pass with its timed run and the stated price, and marks the front an independent computation finds', async () => {
    const priced = await cli(['price', 'set', '--run', timed['reference']!.id, '1200', '--currency', 'EUR']);
    expect(priced.code, priced.stderr).toBe(0);
    const view = await tradeoff();
    const family = view.families[0]!;
    expect(family.objectives).toEqual(['accuracy', 'p99', 'cost per stream']);
    expect(view.rule).toMatch(/at least B's.*strictly better on at least one.*tie keeps all of them on the front/s);
    const expected = Object.keys(VARIANTS).map((name) => {
      const t = timed[name]!;
      const streams = Math.floor(t.throughputPerS / STREAM_FPS + 1e-9);
      return { name: `${name}.onnx`, accuracy: ap(passes[name]!), p99: t.latencyMs.p99, p50: t.latencyMs.p50, fps: t.throughputPerS, cost: 1200 / streams, pass: passes[name]!.id, timed: t.id };
    });
    for (const e of expected) {
      const v = family.variants.find((x) => x.name === e.name)!;
      expect(v).toMatchObject({ passRunId: e.pass, timedRunId: e.timed, p50Ms: e.p50, p99Ms: e.p99, throughputPerS: e.fps, accuracy: { metric: 'mAP', value: e.accuracy } });
      expect(v.costPerStream).toBeCloseTo(e.cost, 9);
      expect(v.price).toMatchObject({ amount: 1200, currency: 'EUR', source: 'stated by the user' });
    }
    const shifted = family.variants.find((v) => v.name === 'shifted.onnx')!;
    const drop = (passes['shifted']!.extras.accuracyPass as { drop: { difference: number; low: number; high: number } }).drop;
    expect(shifted.drop).toMatchObject({ referenceRun: passes['reference']!.id, difference: drop.difference, low: drop.low, high: drop.high, resamples: 100 });
    expect(family.variants.filter((v) => v.pareto).map((v) => v.name).sort()).toEqual(independentFront(expected));
    const untimed = family.variants.find((v) => v.name === 'untimed.onnx')!;
    expect(untimed).toMatchObject({ pareto: false, timedRunId: null, p99Ms: null });
    expect(untimed.unranked).toMatch(/no timed run/);

    const md = await cli(['report', '--tradeoff', '--format', 'md']);
    expect(md.stdout).toContain('1200.00 EUR per device, stated by the user');
    expect(md.stdout).toContain('Pareto front: variant A dominates variant B');
    const html = await cli(['report', '--tradeoff', '--format', 'html']);
    expect(html.stdout).toMatch(/<figure>\n<svg[^]*Pareto front/);
    const csv = await cli(['report', '--tradeoff', '--format', 'csv']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines).toHaveLength(1 + 4);
    expect(lines[0]).toMatch(/^family,grouped_by,variant,/);
  });

  it('narrows to a family by the labelled set\'s name, and refuses an unknown family naming those there are', async () => {
    const view = await tradeoff(['--family', 'instances.json']);
    expect(view.families).toHaveLength(1);
    const unknown = await cli(['report', '--tradeoff', '--family', 'no-such-family']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No model family "no-such-family" in .*; its families are "instances\.json \(/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a workspace with no accuracy pass, saying what to run', async () => {
    const empty = await runCli(['report', '--tradeoff', '--workspace', path.join(root, 'empty-ws')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/No accuracy pass in this workspace/);
    expect(empty.stderr).toMatch(/edgelab eval MODEL --labels/);
  });

  it('groups runs the user tagged family:NAME into that family', async () => {
    // Its own head (another file than the reference's), so it is a variant of its own.
    const file = await model('tagged', [...ROWS].reverse());
    await pass(file);
    const b = await cli(['bench', file, '--iterations', '10', '--warmup', '1', '--tag', 'family:detectors', '--json']);
    expect(b.code, b.stderr).toBe(0);
    const view = await tradeoff(['--family', 'detectors']);
    expect(view.families.map((f) => [f.name, f.groupedBy])).toEqual([['detectors', 'family tag']]);
    expect(view.families[0]!.variants.map((v) => v.name)).toEqual(['tagged.onnx']);
  });

  it('keeps a variant\'s row in its family when the same model is later scored on other labels', async () => {
    const own = path.join(root, 'ws-two-sets');
    const file = path.join(root, 'reference.onnx');
    const fewer = path.join(root, 'fewer.json');
    const gt = json<{ images: Array<{ id: number }>; annotations: Array<{ image_id: number }> }>(readFileSync(gtFile, 'utf8'));
    writeFileSync(fewer, JSON.stringify({ ...gt, images: gt.images.slice(0, -1), annotations: gt.annotations.filter((a) => a.image_id !== gt.images.length) }));
    const ids: string[] = [];
    for (const annotations of [gtFile, fewer]) {
      const r = await runCli(['eval', file, '--labels', 'coco', '--annotations', annotations, '--images', images, '--classes', classes, '--decoder', 'nms-rows', '--json', '--workspace', own]);
      expect(r.code, r.stderr).toBe(0);
      ids.push(json<RunRecord>(r.stdout).id);
    }
    const r = await runCli(['report', '--tradeoff', '--format', 'json', '--workspace', own]);
    expect(r.code, r.stderr).toBe(0);
    const view = json<TradeoffView>(r.stdout);
    // One family per labelled set, each with the model's pass over that set; neither pass is left out.
    expect(view.families.map((f) => [f.labels?.name, f.variants.map((v) => v.passRunId)])).toEqual([['fewer.json', [ids[1]]], ['instances.json', [ids[0]]]]);
    expect(view.leftOut).toEqual([]);
  });
});

// No MLflow server can be installed here: FakeMlflowServer answers as MLflow's REST documentation specifies (as the other export tests use it).
describe('the tradeoff rows in edgelab export mlflow and export dvc', () => {
  it('puts each variant\'s figures, Pareto flag and stated price with its source on both its runs in MLflow', async () => {
    const server = new FakeMlflowServer();
    const uri = await server.start();
    try {
      const view = await tradeoff(['--family', 'instances.json']);
      const r = await cli(['export', 'mlflow', '--all', '--tracking-uri', uri]);
      expect(r.code, r.stderr).toBe(0);
      const byEdgelabId = new Map([...server.runs.values()].map((run) => [run.tags.get('edgelab.run_id'), run]));
      for (const v of view.families[0]!.variants) {
        for (const id of [v.passRunId, v.timedRunId].filter((x) => x !== null)) {
          const run = byEdgelabId.get(id)!;
          const metric = (key: string) => run.metrics.find((m) => m.key === key)?.value;
          expect(metric('tradeoff.accuracy')).toBe(v.accuracy.value);
          expect(metric('tradeoff.p99_ms')).toBe(v.p99Ms ?? undefined);
          expect(metric('tradeoff.pareto')).toBe(v.unranked ? undefined : v.pareto ? 1 : 0);
          expect(run.tags.get('edgelab.tradeoff.family')).toBe(view.families[0]!.name);
          expect(run.tags.get('edgelab.tradeoff.price')).toMatch(/^1200 EUR, stated by the user \(attestation /);
          expect(run.tags.get('edgelab.tradeoff.pareto')).toBe(v.unranked ? `not ranked: ${v.unranked}` : v.pareto ? 'on the front' : `dominated by ${v.dominatedBy.join(', ')}`);
        }
      }
    } finally {
      await server.stop();
    }
  });

  it('writes the rows into a DVC metrics file, a params file and a scatter plot that dvc.yaml names', async () => {
    const view = await tradeoff(['--family', 'instances.json']);
    const family = view.families[0]!;
    const dir = path.join(root, 'repo', 'perf');
    // A pass and its timed run share a label, and DVC keys runs by label: one run of each variant is named, which brings its row.
    const r = await cli(['export', 'dvc', dir, ...family.variants.map((v) => v.timedRunId ?? v.passRunId)]);
    expect(r.code, r.stderr).toBe(0);
    const dvcYaml = parse(readFileSync(path.join(dir, 'dvc.yaml'), 'utf8')) as { metrics: string[]; params: string[]; plots: Array<Record<string, { template: string; x: string; y: Record<string, string> }>> };
    expect(dvcYaml.metrics).toContain('tradeoff/metrics.json');
    expect(dvcYaml.params).toEqual(['params.yaml', 'tradeoff/params.yaml']);
    expect(dvcYaml.plots.find((p) => 'accuracy vs p99' in p)?.['accuracy vs p99']).toMatchObject({ template: 'scatter', x: 'p99_ms', y: { 'tradeoff/accuracy-vs-p99.json': 'accuracy' } });
    const metrics = JSON.parse(readFileSync(path.join(dir, 'tradeoff/metrics.json'), 'utf8')) as Record<string, Record<string, { accuracy: number; p99_ms?: number; pareto?: number }>>;
    const params = parse(readFileSync(path.join(dir, 'tradeoff/params.yaml'), 'utf8')) as { tradeoff: Record<string, Record<string, { price: string; pareto: string }>> };
    const plot = JSON.parse(readFileSync(path.join(dir, 'tradeoff/accuracy-vs-p99.json'), 'utf8')) as Array<{ variant: string; accuracy: number; p99_ms: number; pareto: number }>;
    for (const v of family.variants) {
      expect(metrics[family.name]![v.name]).toMatchObject({ accuracy: v.accuracy.value, ...(v.p99Ms !== null ? { p99_ms: v.p99Ms, pareto: v.pareto ? 1 : 0 } : {}) });
      expect(params.tradeoff[family.name]![v.name]!.price).toMatch(v.price ? /^1200 EUR, stated by the user \(attestation / : /^not stated$/);
    }
    expect(plot.map((p) => p.variant).sort()).toEqual(family.variants.filter((v) => v.p99Ms !== null).map((v) => v.name).sort());
  });
});
