import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/api/run-record.js';
import { runCli, testWorkspace } from '../helpers/cli.js';
import { fileHashes } from '../helpers/file-hashes.js';
import { modelPath } from '../helpers/models.js';

/**
 * A trace given with a model it was not made with, when the two share node names: the generated
 * tiny classifier and MobileNet both end in head/pool, head/flatten, head/fc, head/softmax. The
 * traces are made here by real ONNX Runtime sessions (`edgelab profile`), through the real process.
 */
type Row = Record<string, unknown>;
let dir: string;
let tiny: string;
let mobilenet: string;
let tinyTrace: string;
let mobilenetTrace: string;

async function profiledTrace(model: string, ...flags: string[]): Promise<string> {
  const r = await runCli(['profile', model, '--iterations', '3', '--workspace', dir, ...flags]);
  expect(r.code, r.stderr).toBe(0);
  return /Profile trace \(opens in Perfetto\): (\S+)/.exec(r.stdout)?.[1] as string;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-other-model-'));
  tiny = await modelPath('tiny-classifier');
  mobilenet = await modelPath('mobilenet-style');
  tinyTrace = await profiledTrace(tiny);
  mobilenetTrace = await profiledTrace(mobilenet, '--dim', 'batch=1');
});

describe('edgelab import ort-profile --model checks more than node names', () => {
  it('refuses the tiny classifier\'s trace with MobileNet, naming the input shape the trace read and the one the model declares', async () => {
    expect((await runCli(['runs'])).code).toBe(0);
    const before = fileHashes(testWorkspace);
    const r = await runCli(['import', 'ort-profile', tinyTrace, '--model', mobilenet]);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stderr).toContain(`${tinyTrace} was not made with ${mobilenet}`);
    expect(r.stderr).toContain('float[1,3,32,32]');
    expect(r.stderr).toContain("'input' [batch,3,224,224]");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fileHashes(testWorkspace)).toEqual(before);
    // The other way round too: MobileNet's trace is no trace of the tiny classifier.
    const back = await runCli(['import', 'ort-profile', mobilenetTrace, '--model', tiny, '--no-save']);
    expect(back.code, back.stdout).toBe(2);
    expect(back.stderr).toContain(`was not made with ${tiny}`);
  });

  it('takes each trace with its own model, whole', async () => {
    for (const [trace, model] of [[tinyTrace, tiny], [mobilenetTrace, mobilenet]] as const) {
      const r = await runCli(['import', 'ort-profile', trace, '--model', model, '--no-save', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const record = JSON.parse(r.stdout) as RunRecord;
      expect(record.state === 'completed' && record.warnings.map((w) => w.code)).not.toContain('trace-model-partial');
    }
  });

  it('counts a node whose name matches but whose op type does not as unmapped', async () => {
    const trace = JSON.parse(await readFile(mobilenetTrace, 'utf8')) as Row[];
    const args = (e: Row) => e['args'] as Record<string, unknown>;
    const convs = [...new Set(trace.filter((e) => e['cat'] === 'Node' && args(e)['op_name'] === 'Conv').map((e) => e['name'] as string))];
    const nodes = new Set(trace.filter((e) => e['cat'] === 'Node').map((e) => e['name'] as string));
    // The one change: a fifth of the nodes' op types said to be LSTM, which no node of MobileNet is.
    const changed = (count: number) => {
      const gone = new Set(convs.slice(-count));
      return JSON.stringify(trace.map((e) => (gone.has(e['name'] as string) ? { ...e, args: { ...args(e), op_name: 'LSTM' } } : e)));
    };
    const file = path.join(dir, 'op-changed.json');
    await writeFile(file, changed(Math.ceil(nodes.size * 0.2)));
    const r = await runCli(['import', 'ort-profile', file, '--model', mobilenet, '--no-save', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const record = JSON.parse(r.stdout) as RunRecord;
    const warning = record.state === 'completed' ? record.warnings.find((w) => w.code === 'trace-model-partial') : undefined;
    expect(warning?.message).toMatch(/by name and op type/);
    const share = Number(/\((\d+) %\)/.exec(warning?.message ?? '')?.[1]);
    expect(share).toBeGreaterThanOrEqual(50);
    expect(share).toBeLessThan(90);

    await writeFile(file, changed(Math.ceil(nodes.size * 0.6)));
    const most = await runCli(['import', 'ort-profile', file, '--model', mobilenet, '--no-save']);
    expect(most.code).toBe(2);
    expect(most.stderr).toMatch(/was not made with .*at least 50 % must/s);
  });
});
