import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

let dir: string;
let images: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-real-data-'));
  images = path.join(dir, 'frames');
  await mkdir(images);
  for (let i = 0; i < 3; i++) {
    await sharp({ create: { width: 48 + 8 * i, height: 36, channels: 3, background: { r: 60 * i, g: 120, b: 30 } } }).jpeg().toFile(path.join(images, `frame-${i}.jpg`));
  }
});

describe('real data through the CLI, recorded as evidence', () => {
  it('bench --images times preprocess, inference and postprocess and records the pipeline', async () => {
    const r = await runCli(['bench', await modelPath('tiny-classifier'), '--images', images, '--resize', 'center-crop', '--normalize', 'imagenet', '--iterations', '12', '--warmup', '2', '--json', '--workspace', dir]);
    expect(r.code, r.stderr).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record.spec.inputs).toMatchObject({ kind: 'images', resize: 'center-crop' });
    for (const stage of ['preprocessMs', 'inferenceMs', 'postprocessMs', 'totalMs']) expect(record.extras.pipeline[stage].p50).toBeGreaterThan(0);
    expect(record.hardware.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const shown = await runCli(['runs', 'show', record.id, '--json', '--workspace', dir]);
    expect(JSON.parse(shown.stdout).extras.pipeline.imageCount).toBe(3);
  });

  it('eval --test-data records a pass/fail evaluation case; parity records drift', async () => {
    const model = await modelPath('tiny-classifier');
    const data = path.join(dir, 'test-data');
    // Build the expected outputs from the model itself with parity inputs, then check against them.
    const { writeTestDataSet } = await import('../../core/inputs/test-data/test-data-set.js');
    const { ort } = await import('../../core/runtime/ort.js');
    const input = new ort.Tensor('float32', Float32Array.from({ length: 3 * 32 * 32 }, (_, i) => Math.sin(i)), [1, 3, 32, 32]);
    const session = await ort.InferenceSession.create(model);
    const out = await session.run({ [session.inputNames[0] as string]: input });
    await writeTestDataSet(
      path.join(data, 'test_data_set_0'),
      [{ name: session.inputNames[0] as string, tensor: input }],
      Object.entries(out).map(([name, tensor]) => ({ name, tensor })),
    );
    await session.release();

    const e = await runCli(['eval', model, '--test-data', data, '--json', '--workspace', dir]);
    expect(e.code, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout).extras.evaluation.verdict).toBe('pass');

    // A second copy stands in for a re-exported variant; identical weights, so parity must pass.
    const variant = path.join(dir, 'variant.onnx');
    const { copyFile } = await import('node:fs/promises');
    await copyFile(model, variant);
    const p = await runCli(['parity', model, variant, '--json', '--workspace', dir]);
    expect(p.code, p.stderr).toBe(0);
    const ids = JSON.parse((await runCli(['runs', '--json', '--workspace', dir])).stdout).map((x: { id: string }) => x.id);
    expect(ids).toContain(JSON.parse(e.stdout).id);
    expect(ids).toContain(JSON.parse(p.stdout).id);
  });
});
