import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { evaluateAccuracy } from '../../core/evaluate/accuracy.js';
import { modelPath } from '../helpers/models.js';

async function setup(labelLines: string[], folders: string[]) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'edgelab-labels-'));
  const labels = path.join(root, 'labels.txt');
  await writeFile(labels, labelLines.join('\n') + '\n');
  for (const f of folders) {
    await mkdir(path.join(root, 'val', f), { recursive: true });
    await sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } }).png().toFile(path.join(root, 'val', f, 'x.png'));
  }
  return { labels, images: path.join(root, 'val') };
}

describe('a labels file that does not match the model is refused', () => {
  it('names the file, its count and the class count of the output', async () => {
    const model = await modelPath('tiny-classifier');
    const { labels, images } = await setup(['cat', 'dog', 'bird'], ['cat']);
    const err = await evaluateAccuracy(model, images, labels).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).message).toBe(`Labels file ${labels} has 3 labels but output 'probabilities' of ${model} scores 10 classes.`);
    expect((err as LabError).hint).toMatch(/one line per class/);
  });

  it('names a class folder that is not in the labels file', async () => {
    const model = await modelPath('tiny-classifier');
    const lines = Array.from({ length: 10 }, (_, i) => `class${i}`);
    const { labels, images } = await setup(lines, ['class1', 'zebra']);
    await expect(evaluateAccuracy(model, images, labels)).rejects.toThrow(`Class folder 'zebra' in ${images} is not in labels file ${labels}.`);
  });
});
