import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { evaluateAccuracy, type AccuracyResult } from '../../core/evaluate/accuracy.js';
import { ModelBuilder } from '../../models/onnx-builder.js';

/** Scores = mean of each colour channel, so a mostly-red image is class 0, green 1, blue 2. */
async function channelMeanModel(file: string): Promise<void> {
  const b = new ModelBuilder({ graphName: 'channel_mean' });
  const x = b.input('input', 'float32', [1, 3, 8, 8]);
  const pooled = b.node('GlobalAveragePool', [x], 'pooled');
  b.node('Flatten', [pooled], 'scores');
  b.output('scores', 'float32', [1, 3]);
  await writeFile(file, b.toBytes());
}

const colours = { red: { r: 220, g: 10, b: 10 }, green: { r: 10, g: 220, b: 10 }, blue: { r: 10, g: 10, b: 220 } };

async function solid(file: string, colour: keyof typeof colours): Promise<void> {
  await sharp({ create: { width: 12, height: 10, channels: 3, background: colours[colour] } }).png().toFile(file);
}

describe('accuracy on a labelled image folder', () => {
  it('scores top-1 and top-5 with the class of each folder and lists what was missed', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'edgelab-acc-'));
    const model = path.join(root, 'channel-mean.onnx');
    await channelMeanModel(model);
    const labels = path.join(root, 'labels.txt');
    await writeFile(labels, 'red\ngreen\nblue\n');
    const images = path.join(root, 'val');
    for (const c of ['red', 'green', 'blue'] as const) {
      await mkdir(path.join(images, c), { recursive: true });
      await solid(path.join(images, c, 'a.png'), c);
      await solid(path.join(images, c, 'b.png'), c);
    }
    // One mislabelled image: blue pixels filed under green.
    await solid(path.join(images, 'green', 'c.png'), 'blue');

    const record = await evaluateAccuracy(model, images, labels);
    const acc = record.extras.accuracy as AccuracyResult;
    expect(acc.imageCount).toBe(7);
    expect(acc.top1).toBeCloseTo(6 / 7, 12);
    expect(acc.top5).toBe(1);
    expect(acc.perClass).toEqual([
      { label: 'red', images: 2, top1: 1 },
      { label: 'green', images: 3, top1: 2 / 3 },
      { label: 'blue', images: 2, top1: 1 },
    ]);
    expect(acc.misclassified).toEqual([expect.objectContaining({ file: path.join(images, 'green', 'c.png'), expected: 'green', predicted: 'blue' })]);
    expect(record.samplesMs).toHaveLength(7);
    expect(record.spec.inputs).toMatchObject({ kind: 'images', paths: [images], resize: 'stretch', layout: 'nchw' });
  });
});
