import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { isLabError } from '../../core/api/errors.js';
import { DecoderSpecSchema } from '../../core/api/predictions.js';
import { decodeOutputs } from '../../core/evaluate/decoders/decode.js';
import { imageGeometry } from '../../core/evaluate/decoders/geometry.js';
import { LabelledAccuracyCheckSchema } from '../../core/api/output-check.js';
import { openTrtexecAccuracy, type TrtexecAccuracyPlan } from '../../core/engines/trtexec/trtexec-accuracy.js';
import { trtexecPassEngine } from '../../core/engines/trtexec/trtexec-pass-engine.js';
import type { AccuracyPassSummary } from '../../core/evaluate/pass/pass-summary.js';
import { runLabelledPass } from '../../core/evaluate/pass/run-labelled-pass.js';
import { inspectModel } from '../../core/model/index.js';
import { ort } from '../../core/runtime/ort.js';
import { attr, ModelBuilder } from '../../models/onnx-builder.js';

/**
 * trtexec as the engine of an accuracy pass. TensorRT cannot run on the machines these tests run
 * on, so `trtexec` here is a STAND-IN executable (test/fixtures/trtexec-runs/trtexec-io-stand-in.mjs):
 * it reads the --loadInputs files as trtexec does and writes --exportOutput as trtexec's source
 * writes it, with the outputs computed by ONNX Runtime from the same model. The file formats
 * themselves are checked against a real trtexec file in test/unit/trtexec-accuracy-files.test.ts.
 * Everything else is the real code: the flags, the build-once-then-infer flow, batching, the files,
 * the parsing and the split per image.
 */
const standIn = fileURLToPath(new URL('../fixtures/trtexec-runs/trtexec-io-stand-in.mjs', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-trtexec-accuracy-'));
const argvLog = path.join(dir, 'argv.jsonl');
const modelFile = path.join(dir, 'mask-head.onnx');
const qdqFile = path.join(dir, 'qdq.onnx');
const fixedFile = path.join(dir, 'mask-head-batch2.onnx');

/** A small segmenter: a dynamic batch of 3×8×8 images → a 2-channel mask map and a per-image score. */
function maskHead(batch: number | string = 'batch'): Uint8Array {
  const b = new ModelBuilder({ graphName: 'mask_head', seed: 5 });
  const x = b.input('images', 'float32', [batch, 3, 8, 8]);
  const conv = b.node('Conv', [x, b.randomInitializer('w', [2, 3, 3, 3]), b.randomInitializer('b', [2], { scale: 0.1 })], 'conv', { attributes: { kernel_shape: attr.ints([3, 3]), pads: attr.ints([1, 1, 1, 1]) } });
  b.node('Sigmoid', [conv], 'mask');
  b.output('mask', 'float32', [batch, 2, 8, 8]);
  const pooled = b.node('GlobalAveragePool', [conv], 'pooled');
  b.node('Flatten', [pooled], 'score');
  b.output('score', 'float32', [batch, 2]);
  return b.toBytes();
}

/** The same shape of model with a QuantizeLinear/DequantizeLinear pair, as a QAT export has. */
function qdqModel(): Uint8Array {
  const b = new ModelBuilder({ graphName: 'qdq', seed: 6 });
  const x = b.input('images', 'float32', [1, 3, 8, 8]);
  const scale = b.constant('scale', 'float32', 0.02);
  const zero = b.initializer('zero', 'int8', [], [0]);
  const q = b.node('QuantizeLinear', [x, scale, zero], 'q');
  b.node('DequantizeLinear', [q, scale, zero], 'y');
  b.output('y', 'float32', [1, 3, 8, 8]);
  return b.toBytes();
}

const images = Array.from({ length: 5 }, (_, k) => Float32Array.from({ length: 3 * 8 * 8 }, (_, i) => Math.sin(i * 0.37 + k) * 2));

function plan(overrides: Partial<TrtexecAccuracyPlan> = {}): TrtexecAccuracyPlan {
  return {
    engine: { kind: 'trtexec', trtexecPath: standIn, precision: 'fp16' },
    model: modelFile,
    modelInfo: { opHistogram: [] },
    input: { name: 'images', type: 'float32', imageDims: [1, 3, 8, 8] },
    dynamicBatch: true,
    maxBatch: 2,
    workDir: path.join(dir, `work-${Math.random().toString(36).slice(2)}`),
    ...overrides,
  };
}

beforeAll(() => {
  writeFileSync(modelFile, maskHead());
  writeFileSync(qdqFile, qdqModel());
  writeFileSync(fixedFile, maskHead(2));
  process.env['EDGELAB_STANDIN_ARGV'] = argvLog;
});

describe('trtexec accuracy outputs (through the I/O stand-in)', () => {
  it('builds once, feeds batches of 2 with --loadInputs, and gives each image the outputs ONNX Runtime gives it alone', async () => {
    writeFileSync(argvLog, '');
    const engine = await openTrtexecAccuracy(plan());
    const outputs = await engine.outputsFor(images);
    await engine.close();
    expect(outputs).toHaveLength(5);
    const session = await ort.InferenceSession.create(modelFile);
    for (let k = 0; k < images.length; k++) {
      const alone = await session.run({ images: new ort.Tensor('float32', images[k]!, [1, 3, 8, 8]) });
      for (const name of ['mask', 'score']) {
        expect(outputs[k]![name]!.dims).toEqual(alone[name]!.dims);
        const want = alone[name]!.data as Float32Array;
        // trtexec prints six significant digits.
        want.forEach((v, i) => expect(Math.abs(outputs[k]![name]!.data[i]! - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-5 + 1e-7));
      }
      // The same decoder reads both engines' outputs and draws the same mask.
      const spec = DecoderSpecSchema.parse({ name: 'class-logits' });
      const geometry = imageGeometry({ width: 8, height: 8 }, { width: 8, height: 8 }, 'stretch');
      const fromOrt = decodeOutputs(spec, { mask: { dims: alone['mask']!.dims, data: alone['mask']!.data as Float32Array } }, geometry);
      expect(decodeOutputs(spec, { mask: outputs[k]!['mask']! }, geometry)).toEqual(fromOrt);
    }
    const calls = readFileSync(argvLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]).filter((a) => !a.includes('--help'));
    expect(calls).toHaveLength(4); // one build, then batches of 2, 2 and 1
    expect(calls[0]).toEqual(expect.arrayContaining([`--onnx=${modelFile}`, '--fp16', '--minShapes=images:1x3x8x8', '--optShapes=images:2x3x8x8', '--maxShapes=images:2x3x8x8', '--skipInference']));
    expect(calls.slice(1).map((a) => a.find((f) => f.startsWith('--shapes=')))).toEqual(['--shapes=images:2x3x8x8', '--shapes=images:2x3x8x8', '--shapes=images:1x3x8x8']);
    for (const a of calls.slice(1)) expect(a).toEqual(expect.arrayContaining(['--iterations=1', '--warmUp=0', '--duration=0', expect.stringMatching(/^--loadInputs=images:.*input-\d\.bin$/), expect.stringMatching(/^--exportOutput=.*outputs-\d\.json$/)]));
    expect(engine.commands).toHaveLength(4);
  });

  it('pads a fixed-batch engine\'s last call with its last image and drops the padding\'s outputs', async () => {
    writeFileSync(argvLog, '');
    const engine = await openTrtexecAccuracy(plan({ model: fixedFile, dynamicBatch: false, input: { name: 'images', type: 'float32', imageDims: [2, 3, 8, 8] } }));
    const outputs = await engine.outputsFor(images.slice(0, 3));
    await engine.close();
    expect(outputs).toHaveLength(3);
    const calls = readFileSync(argvLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]).filter((a) => !a.includes('--help'));
    // A static batch takes no shapes flags: trtexec refuses explicit shapes for a static input.
    expect(calls.flat().some((a) => /^--(min|opt|max)?[sS]hapes=/.test(a))).toBe(false);
    expect(calls).toHaveLength(3);
    const session = await ort.InferenceSession.create(fixedFile);
    const last = await session.run({ images: new ort.Tensor('float32', Float32Array.from([...images[2]!, ...images[2]!]), [2, 3, 8, 8]) });
    const want = (last.score!.data as Float32Array).slice(0, 2);
    want.forEach((v, i) => expect(Math.abs(outputs[2]!.score!.data[i]! - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-5 + 1e-7));
  });

  it('refuses INT8 with neither a calibration cache nor Q/DQ nodes, before running anything, and says why', async () => {
    writeFileSync(argvLog, '');
    const info = await inspectModel(modelFile);
    const refused = await openTrtexecAccuracy(plan({ engine: { kind: 'trtexec', trtexecPath: standIn, precision: 'int8' }, modelInfo: info })).then(() => null, (e: unknown) => e);
    expect(isLabError(refused) && refused.kind).toBe('usage');
    expect((refused as Error).message).toMatch(/INT8 accuracy pass on trtexec needs INT8 scales.*no calibration cache was given \(--calib\).*no QuantizeLinear\/DequantizeLinear nodes.*placeholder ranges/);
    expect(readFileSync(argvLog, 'utf8')).toBe('');
    const best = await openTrtexecAccuracy(plan({ engine: { kind: 'trtexec', trtexecPath: standIn, precision: 'best' }, modelInfo: info })).then(() => null, (e: unknown) => e);
    expect((best as Error).message).toMatch(/needs INT8 scales/);
  });

  it('builds INT8 with --calib=FILE when a cache is given, and without one for a Q/DQ model', async () => {
    writeFileSync(argvLog, '');
    const cache = path.join(dir, 'calib.cache');
    writeFileSync(cache, 'TRT-8601-EntropyCalibration2\n');
    const info = await inspectModel(modelFile);
    const calibrated = await openTrtexecAccuracy(plan({ engine: { kind: 'trtexec', trtexecPath: standIn, precision: 'int8', calib: cache }, modelInfo: info }));
    expect(calibrated.commands[0]).toEqual(expect.arrayContaining(['--int8', `--calib=${cache}`]));
    await calibrated.close();
    const qdq = await openTrtexecAccuracy(plan({ model: qdqFile, dynamicBatch: false, input: { name: 'images', type: 'float32', imageDims: [1, 3, 8, 8] }, engine: { kind: 'trtexec', trtexecPath: standIn, precision: 'int8' }, modelInfo: await inspectModel(qdqFile) }));
    expect(qdq.commands[0]).toContain('--int8');
    expect(qdq.commands[0]!.some((a) => a.startsWith('--calib'))).toBe(false);
    const [out] = await qdq.outputsFor([images[0]!]);
    expect(out!.y!.dims).toEqual([1, 3, 8, 8]);
    // The model's output type rides along, since trtexec's JSON does not carry one.
    expect(out!.y!.dtype).toBe('float32');
    await qdq.close();
  });

  it('says which flag a trtexec without --calib or --exportOutput lacks', async () => {
    process.env['EDGELAB_STANDIN_DROP'] = 'calib,exportOutput';
    try {
      const info = await inspectModel(modelFile);
      await expect(openTrtexecAccuracy(plan({ engine: { kind: 'trtexec', trtexecPath: standIn, precision: 'int8', calib: path.join(dir, 'calib.cache') }, modelInfo: info }))).rejects.toThrow(/does not accept --calib.*TensorRT 11 dropped implicit INT8 calibration|does not accept --calib/);
      const engine = await openTrtexecAccuracy(plan());
      await expect(engine.outputsFor([images[0]!])).rejects.toThrow(/does not accept --exportOutput, which reading the outputs back needs/);
      await engine.close();
    } finally {
      delete process.env['EDGELAB_STANDIN_DROP'];
    }
  });

  it('serves the accuracy pass behind its engine seam: the same mIoU as the pass on ONNX Runtime, in batches of 2 read ahead', async () => {
    const imagesDir = path.join(dir, 'seg', 'images');
    const masksDir = path.join(dir, 'seg', 'masks');
    mkdirSync(imagesDir, { recursive: true });
    mkdirSync(masksDir, { recursive: true });
    for (let k = 0; k < 3; k++) {
      const rgb = Buffer.from(Array.from({ length: 8 * 8 * 3 }, (_, i) => Math.round(128 + 120 * Math.sin(i * 0.7 + k))));
      await sharp(rgb, { raw: { width: 8, height: 8, channels: 3 } }).png().toFile(path.join(imagesDir, `im${k}.png`));
      const mask = Buffer.from(Array.from({ length: 64 }, (_, i) => ((i % 8) + k > 4 ? 255 : 0)));
      await sharp(mask, { raw: { width: 8, height: 8, channels: 1 } }).png().toFile(path.join(masksDir, `im${k}.png`));
    }
    const request = LabelledAccuracyCheckSchema.parse({ kind: 'labelled', model: modelFile, labels: { format: 'binary-masks', annotations: masksDir, images: imagesDir }, decoder: { name: 'class-logits' }, preprocessing: { size: [8, 8] } });
    const onOrt = (await runLabelledPass(request)).record.extras['accuracyPass'] as AccuracyPassSummary;
    writeFileSync(argvLog, '');
    const onTrt = (await runLabelledPass(request, undefined, trtexecPassEngine({ kind: 'trtexec', trtexecPath: standIn, precision: 'fp16' }, { workDir: path.join(dir, 'pass'), maxBatch: 2 }))).record.extras['accuracyPass'] as AccuracyPassSummary;
    expect(onTrt.engine).toBe('TensorRT 10.8.0 (trtexec, fp16)');
    expect(onTrt.executionProvider).toBe('tensorrt');
    expect(onTrt.metrics).toEqual(onOrt.metrics);
    const calls = readFileSync(argvLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]).filter((a) => !a.includes('--help'));
    expect(calls.map((a) => a.find((f) => f.startsWith('--shapes=')) ?? a[0])).toEqual([`--onnx=${modelFile}`, '--shapes=images:2x3x8x8', '--shapes=images:1x3x8x8']);
  });
});
