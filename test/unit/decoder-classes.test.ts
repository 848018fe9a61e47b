import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { mapClasses, readClassNames } from '../../core/evaluate/decoders/classes.js';

// COCO's first categories, with its ids' gap at 12 (id 12 was dropped from the released set).
const coco = [
  { id: 1, name: 'person' },
  { id: 2, name: 'bicycle' },
  { id: 3, name: 'car' },
  { id: 11, name: 'fire hydrant' },
  { id: 13, name: 'stop sign' },
];

async function file(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-classes-'));
  const f = path.join(dir, name);
  await writeFile(f, text);
  return f;
}

describe('model classes to labelled categories, by name', () => {
  it('reads one name a line, a data.yaml names list, and ultralytics\' index map', async () => {
    const lines = await file('coco.names', 'person\nbicycle\ncar\nfire hydrant\nstop sign\n\n');
    expect((await readClassNames(lines)).names).toEqual(['person', 'bicycle', 'car', 'fire hydrant', 'stop sign']);
    const list = await file('data.yaml', 'path: ../datasets\nnames: [person, bicycle, car]\n');
    expect((await readClassNames(list)).names).toEqual(['person', 'bicycle', 'car']);
    const map = await file('data.yaml', 'names:\n  0: person\n  2: car\n  1: bicycle\n');
    expect(await readClassNames(map)).toEqual({ file: map, names: ['person', 'bicycle', 'car'] });
  });

  it('refuses a data.yaml without names and a names map with a gap, naming the file', async () => {
    const none = await file('data.yaml', 'nc: 3\n');
    await expect(readClassNames(none)).rejects.toThrow(`Classes file ${none} has no \`names:\` list.`);
    const gap = await file('data.yaml', 'names:\n  0: person\n  5: car\n');
    await expect(readClassNames(gap)).rejects.toThrow(/names has key '5', which is not a class index 0–1/);
    await expect(readClassNames(path.join(os.tmpdir(), 'no-such-classes.txt'))).rejects.toThrow(/no-such-classes.txt cannot be read/);
    const blank = await file('classes.txt', 'person\n\ncar\n');
    await expect(readClassNames(blank)).rejects.toThrow(`Classes file ${blank}, line 2, is blank.`);
  });

  it('maps contiguous model indices onto COCO ids with gaps', () => {
    const map = mapClasses({ file: 'coco.names', names: ['person', 'bicycle', 'car', 'fire hydrant', 'stop sign'] }, coco, 'instances_val.json');
    expect(map.categoryIds).toEqual([1, 2, 3, 11, 13]);
  });

  it('maps torchvision\'s 91-entry list, placeholders to nothing, case and spaces aside', () => {
    const names = ['__background__', 'person', 'bicycle', 'car', 'N/A', 'Fire Hydrant ', 'stop sign'];
    const map = mapClasses({ file: null, names }, coco, 'instances_val.json');
    expect(map.categoryIds).toEqual([null, 1, 2, 3, null, 11, 13]);
  });

  it('refuses a mismatch in either direction, naming the first differences of both lists', () => {
    const names = ['person', 'bicycle', 'car', 'motorbike', 'fire hydrant'];
    let error: unknown;
    try {
      mapClasses({ file: 'classes.txt', names }, coco, 'instances_val.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).kind).toBe('input');
    expect((error as LabError).message).toBe(
      "The model's classes (classes.txt, 5 names) and the categories of instances_val.json (5) differ: model classes not among the labels' categories: 3 'motorbike'; labelled categories the model has no class for: 13 'stop sign'.",
    );
    expect((error as LabError).hint).toMatch(/in the model's class order/);
  });

  it('lists five differences and counts the rest', () => {
    const names = Array.from({ length: 8 }, (_, i) => `thing ${i}`);
    expect(() => mapClasses({ file: 'classes.txt', names }, coco, 'labels')).toThrow(/'thing 4' and 3 more; labelled categories the model has no class for: 1 'person', 2 'bicycle', 3 'car', 11 'fire hydrant', 13 'stop sign'\./);
  });

  it('refuses a class named twice', () => {
    expect(() => mapClasses({ file: 'classes.txt', names: ['person', 'car', 'Person'] }, coco, 'labels')).toThrow("classes.txt names 'Person' twice (classes 0 and 2).");
  });
});
