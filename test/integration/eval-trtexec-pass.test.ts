/**
 * `edgelab eval MODEL --labels … --decoder … --engine trtexec` through the real edgelab process.
 *
 * TensorRT cannot run on the machines these tests run on, so the `trtexec` here is a STAND-IN
 * executable (test/fixtures/trtexec-runs/trtexec-io-stand-in.mjs): it takes the flags an accuracy
 * pass gives trtexec, reads --loadInputs files as trtexec does and writes --exportOutput in
 * trtexec's recorded format, computing the outputs with ONNX Runtime from the same model (the
 * format itself is held to a file a real trtexec wrote in test/unit/trtexec-accuracy-files.test.ts).
 * It logs each call's arguments, so the flags edgelab gave trtexec are checked as given. Everything
 * else is edgelab's: the flags and the request, the lab's refusals, the runner, the engine built
 * once, the files, the decoder and the metric.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/api/run-record.js';
import type { AccuracyPassSummary } from '../../core/evaluate/pass/pass-summary.js';
import { attr, ModelBuilder } from '../../models/onnx-builder.js';
import { runCli } from '../helpers/cli.js';
import { tempSet } from '../helpers/label-set-files.js';

const S = 16;
const standIn = fileURLToPath(new URL('../fixtures/trtexec-runs/trtexec-io-stand-in.mjs', import.meta.url));
const root = tempSet('trtexec-pass');
const ws = path.join(root, 'ws');
const images = path.join(root, 'images');
const masks = path.join(root, 'masks');
const argvLog = path.join(root, 'argv.jsonl');
const bin = path.join(root, 'bin');
const reference = path.join(root, 'reference.onnx');
const variant = path.join(root, 'variant.onnx');
const calib = path.join(root, 'calib.cache');
/** The stand-in found as `trtexec` on PATH, as a JetPack install puts it. */
const env = { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, EDGELAB_STANDIN_ARGV: argvLog };

/** A small saliency head: a dynamic batch of 3×S×S images → a one-channel foreground logit map. */
function saliencyHead(seed: number): Uint8Array {
  const b = new ModelBuilder({ graphName: 'saliency_head', seed });
  const x = b.input('images', 'float32', ['batch', 3, S, S]);
  b.node('Conv', [x, b.randomInitializer('w', [1, 3, 3, 3]), b.randomInitializer('b', [1], { scale: 0.1 })], 'mask', { attributes: { kernel_shape: attr.ints([3, 3]), pads: attr.ints([1, 1, 1, 1]) } });
  b.output('mask', 'float32', ['batch', 1, S, S]);
  return b.toBytes();
}

function pass(record: RunRecord): AccuracyPassSummary {
  return record.extras['accuracyPass'] as AccuracyPassSummary;
}

function args(model: string, extra: string[] = []): string[] {
  return ['eval', model, '--labels', 'binary-masks', '--annotations', masks, '--images', images, '--decoder', 'saliency', '--json', '--workspace', ws, ...extra];
}

function trtexecCalls(): string[][] {
  const text = readFileSync(argvLog, 'utf8').trim();
  return text === '' ? [] : text.split('\n').map((l) => JSON.parse(l) as string[]).filter((a) => !a.includes('--help'));
}

beforeAll(async () => {
  mkdirSync(images, { recursive: true });
  mkdirSync(masks, { recursive: true });
  mkdirSync(bin, { recursive: true });
  symlinkSync(standIn, path.join(bin, 'trtexec'));
  writeFileSync(reference, saliencyHead(5));
  writeFileSync(variant, saliencyHead(9));
  writeFileSync(calib, 'TRT-8601-EntropyCalibration2\n');
  for (let k = 0; k < 5; k++) {
    const rgb = Buffer.from(Array.from({ length: S * S * 3 }, (_, i) => Math.round(128 + 120 * Math.sin(i * 0.37 + k))));
    await sharp(rgb, { raw: { width: S, height: S, channels: 3 } }).png().toFile(path.join(images, `im${k}.png`));
    const mask = Buffer.from(Array.from({ length: S * S }, (_, i) => ((i % S) + k > S / 2 ? 255 : 0)));
    await sharp(mask, { raw: { width: S, height: S, channels: 1 } }).png().toFile(path.join(masks, `im${k}.png`));
  }
});

describe('edgelab eval --engine trtexec (through the trtexec I/O stand-in)', () => {
  it('gives the mIoU ONNX Runtime gives for the same model, names the engine and precision, and measures the drop against an ORT reference', async () => {
    const onOrt = await runCli(args(reference));
    expect(onOrt.stderr).toBe('');
    expect(onOrt.code).toBe(0);
    const ortRecord = JSON.parse(onOrt.stdout) as RunRecord;

    writeFileSync(argvLog, '');
    const onTrt = await runCli(args(reference, ['--engine', 'trtexec', '--precision', 'fp16']), { env });
    expect(onTrt.stderr).toBe('');
    expect(onTrt.code).toBe(0);
    const trtRecord = JSON.parse(onTrt.stdout) as RunRecord;
    expect(pass(trtRecord).metrics).toEqual(pass(ortRecord).metrics);
    expect(pass(trtRecord).engine).toBe('TensorRT 10.8.0 (trtexec, fp16)');
    expect(pass(ortRecord).engine).toMatch(/^onnxruntime .* \(cpu\)$/);
    expect(trtRecord.spec.engine).toEqual({ kind: 'trtexec', precision: 'fp16' });
    // Built once, then one call per batch of up to 8 images, through --loadInputs and --exportOutput.
    const calls = trtexecCalls();
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual(expect.arrayContaining([`--onnx=${reference}`, '--fp16', '--skipInference']));
    expect(calls[1]).toEqual(expect.arrayContaining(['--shapes=images:5x3x16x16', expect.stringMatching(/^--loadInputs=images:/), expect.stringMatching(/^--exportOutput=/)]));

    // The text names the engine too.
    const text = await runCli(args(reference, ['--engine', 'trtexec', '--precision', 'fp16', '--no-save']).filter((a) => a !== '--json'), { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Engine: TensorRT 10.8.0 (trtexec, fp16)');

    // A variant on trtexec against the FP32 ORT reference: the drop is the difference of the two
    // figures, the variant's as ONNX Runtime scores it on its own.
    const variantOnOrt = JSON.parse((await runCli(args(variant, ['--no-save']))).stdout) as RunRecord;
    const dropped = await runCli(args(variant, ['--engine', 'trtexec', '--trtexec', standIn, '--reference', ortRecord.id, '--resamples', '200']), { env: { EDGELAB_STANDIN_ARGV: argvLog } });
    expect(dropped.stderr).toBe('');
    const dropRecord = JSON.parse(dropped.stdout) as RunRecord;
    const drop = pass(dropRecord).drop!;
    const miou = (r: RunRecord) => (pass(r).metrics as unknown as { miou: number }).miou;
    expect(drop).toMatchObject({ metric: 'miou', resamples: 200, referenceRun: ortRecord.id });
    expect(drop.difference).toBeCloseTo(miou(variantOnOrt) - miou(ortRecord), 12);
    expect(drop.difference).not.toBe(0);
    expect(drop.low).toBeLessThanOrEqual(drop.difference);
    expect(drop.high).toBeGreaterThanOrEqual(drop.difference);
    expect(dropRecord.spec.engine).toEqual({ kind: 'trtexec', precision: 'fp32', trtexecPath: standIn });
  });

  it('refuses INT8 without a calibration cache or Q/DQ nodes before trtexec runs, naming --calib; exit 2', async () => {
    writeFileSync(argvLog, '');
    for (const precision of ['int8', 'best']) {
      const r = await runCli(args(reference, ['--engine', 'trtexec', '--precision', precision]), { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/INT8 accuracy pass on trtexec needs INT8 scales.*no calibration cache was given \(--calib\)/);
      expect(r.stderr).toMatch(/--calib FILE/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = await runCli(args(reference, ['--engine', 'trtexec', '--precision', 'int8', '--calib', path.join(root, 'no-such.cache')]), { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`Calibration cache ${path.join(root, 'no-such.cache')}: no such file.`);
    expect(trtexecCalls()).toEqual([]);
  });

  it('gives trtexec --int8 --calib=FILE when a cache is given, and records it', async () => {
    writeFileSync(argvLog, '');
    const r = await runCli(args(reference, ['--engine', 'trtexec', '--precision', 'int8', '--calib', calib, '--no-save']), { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout) as RunRecord;
    expect(pass(record).engine).toBe('TensorRT 10.8.0 (trtexec, int8)');
    expect(record.spec.engine).toEqual({ kind: 'trtexec', precision: 'int8', calib });
    expect(trtexecCalls()[0]).toEqual(expect.arrayContaining(['--int8', `--calib=${calib}`]));
  });

  it('runs a suite\'s accuracy entry on trtexec, its calibration cache beside the suite file, gating the drop against an ORT entry', async () => {
    writeFileSync(argvLog, '');
    const suite = path.join(root, 'accuracy.yaml');
    writeFileSync(suite, [
      'defaults:',
      '  accuracy:',
      `    labels: { format: binary-masks, annotations: ${masks}, images: ${images} }`,
      '    decoder: { name: saliency }',
      '    resamples: 200',
      'runs:',
      '  - label: fp32 ort',
      '    model: reference.onnx',
      '  - label: int8 trtexec',
      '    model: reference.onnx',
      '    engine: { kind: trtexec, precision: int8, calib: calib.cache }',
      '    targets: ["miou-drop<=1pt"]',
      '    accuracy: { reference: fp32 ort }',
      '',
    ].join('\n'));
    const r = await runCli(['run', suite, '--json', '--workspace', ws], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const view = JSON.parse(r.stdout) as { entries: Array<{ label: string; runId: string; verdict: string }> };
    expect(view.entries.map((e) => [e.label, e.verdict])).toEqual([['fp32 ort', 'none'], ['int8 trtexec', 'pass']]);
    const onTrt = JSON.parse(readFileSync(path.join(ws, 'runs', `${view.entries[1]!.runId}.json`), 'utf8')) as RunRecord;
    expect(onTrt.spec.engine).toEqual({ kind: 'trtexec', precision: 'int8', calib });
    // The same model and outputs on both engines: no drop at all.
    expect(pass(onTrt).drop).toMatchObject({ difference: 0, referenceRun: view.entries[0]!.runId });
    expect(trtexecCalls()[0]).toEqual(expect.arrayContaining(['--int8', `--calib=${calib}`]));
  });

  it('refuses engine flags that do not go together, naming them', async () => {
    const ep = await runCli(args(reference, ['--engine', 'trtexec', '--ep', 'cpu']), { env });
    expect(ep.code).toBe(2);
    expect(ep.stderr).toMatch(/--ep chooses an ONNX Runtime execution provider; the trtexec engine always runs TensorRT/);
    const calibAlone = await runCli(args(reference, ['--calib', calib]), { env });
    expect(calibAlone.code).toBe(2);
    expect(calibAlone.stderr).toMatch(/--calib belongs to the trtexec engine/);
    const precision = await runCli(args(reference, ['--engine', 'trtexec', '--precision', 'int4']), { env });
    expect(precision.code).toBe(2);
    expect(precision.stderr).toMatch(/--precision int4/);
  });
});
