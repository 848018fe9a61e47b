import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

let dir: string;
let tiny: string;
let mobilenet: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-bad-'));
  tiny = await modelPath('tiny-classifier');
  mobilenet = await modelPath('mobilenet-style');
});

/** Each case: non-zero exit, a message on stderr naming the culprit, nothing on stdout. */
async function expectRefusal(args: string[], code: number, ...mentions: (string | RegExp)[]) {
  const r = await runCli(args);
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).toMatch(/^edgelab: /);
  for (const m of mentions) expect(r.stderr).toMatch(m);
  expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // a message, not a stack trace
  return r;
}

describe('bad input to edgelab bench and inspect', () => {
  it('a missing file', async () => {
    await expectRefusal(['bench', path.join(dir, 'nope.onnx')], 2, 'nope.onnx');
    await expectRefusal(['inspect', path.join(dir, 'nope.onnx')], 2, 'nope.onnx');
  });

  it('a directory', async () => {
    await expectRefusal(['bench', dir], 2, dir, /directory/i);
  });

  it('a file that is not ONNX', async () => {
    const text = path.join(dir, 'notes.onnx');
    await writeFile(text, 'these are my notes, not a model\n'.repeat(20));
    await expectRefusal(['bench', text], 2, 'notes.onnx', /not an ONNX model|not ONNX/i);
  });

  it('a truncated ONNX file', async () => {
    const bytes = await readFile(mobilenet);
    const cut = path.join(dir, 'cut.onnx');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectRefusal(['inspect', cut], 2, 'cut.onnx', /truncated|incomplete|cut/i);
    await expectRefusal(['bench', cut, '--dim', 'batch=1'], 2, 'cut.onnx');
  });

  it('unknown flags and malformed values', async () => {
    await expectRefusal(['bench', tiny, '--iterashuns', '5'], 2, '--iterashuns', /bench --help/);
    await expectRefusal(['bench', tiny, '--iterations', 'many'], 2, '--iterations many', /whole number/);
    await expectRefusal(['bench', tiny, '--duration', 'soon'], 2, '--duration soon');
    await expectRefusal(['bench', tiny, '--warmup', 'lots'], 2, '--warmup lots');
    await expectRefusal(['bench', tiny, '--dim', 'batch'], 2, '--dim batch', /NAME=VALUE/);
    await expectRefusal(['bench', tiny, '--shape', 'input=1xAx3'], 2, '--shape input=1xAx3');
    await expectRefusal(['bench', tiny, '--graph-opt', 'max'], 2, '--graph-opt max', /disabled, basic, extended, all/);
    await expectRefusal(['bench', tiny, '--target', 'p99<=fast'], 2, 'p99<=fast');
    await expectRefusal(['frobnicate'], 2, /unknown command 'frobnicate'/);
    await expectRefusal(['bench'], 2, /no model given/);
  });

  it('an unknown provider', async () => {
    await expectRefusal(['bench', tiny, '--ep', 'tpu'], 2, '--ep tpu', /cpu, cuda/);
  });

  it('an unavailable provider is an error, not a silent CPU fallback', async () => {
    const r = await expectRefusal(['bench', tiny, '--ep', 'cuda', '--iterations', '5'], 3, /'cuda' does not start/, /edgelab providers/);
    expect(r.stdout).not.toMatch(/p50/);
  });

  it('missing dim values', async () => {
    await expectRefusal(['bench', mobilenet], 2, "'input' float32 [batch, 3, 224, 224]", '--dim batch=N');
  });

  it('oversized inputs, refused before allocation', async () => {
    await expectRefusal(['bench', mobilenet, '--dim', 'batch=100000'], 2, /over the 2 GiB/);
    await expectRefusal(['bench', mobilenet, '--dim', 'batch=2000', '--input-pool', '64'], 3, /64 sets/, /--input-pool/);
  });

  it('an --out path that cannot be written, refused before anything runs', async () => {
    await expectRefusal(['bench', tiny, '--iterations', '5', '--out', path.join(dir, 'no-such-folder', 'run.json')], 2, '--out', /does not exist/);
    await expectRefusal(['bench', tiny, '--iterations', '5', '--out', dir], 2, /that is a folder/);
  });

  it('parity of two models whose inputs differ in shape', async () => {
    await expectRefusal(['parity', tiny, mobilenet, '--no-save'], 2, /\[1, 3, 32, 32\]/, /same inputs, same shapes/);
  });

  it('a copy of a valid model under another name still works (the checks are on content)', async () => {
    const copy = path.join(dir, 'model.bin');
    await copyFile(tiny, copy);
    const r = await runCli(['inspect', copy, '--json']);
    expect(r.code).toBe(0);
  });
});
