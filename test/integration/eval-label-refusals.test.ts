/**
 * Label folders that cannot be read, through the real edgelab process: each refusal names the file
 * and the flag to fix it with, exits 2 without a stack trace, and records nothing.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeConstantOutputModel } from '../helpers/constant-output-model.js';
import { tempSet, writeGreyPng, writeImage, writeText } from '../helpers/label-set-files.js';

const S = 32;
const root = tempSet('label-refusals');
const ws = path.join(root, 'ws');
const images = path.join(root, 'images');
const model = path.join(root, 'rows.onnx');

function recorded(): number {
  const runs = path.join(ws, 'runs');
  return existsSync(runs) ? readdirSync(runs).filter((f) => f.endsWith('.json')).length : 0;
}

async function refused(args: string[]): Promise<string> {
  const before = recorded();
  const r = await runCli(['eval', model, ...args, '--images', images, '--workspace', ws]);
  expect(r.code).toBe(2);
  expect(r.stderr).not.toMatch(/unexpected error|    at /);
  expect(recorded()).toBe(before);
  return r.stderr;
}

beforeAll(async () => {
  await writeConstantOutputModel(model, { height: S, width: S }, [{ name: 'output0', dtype: 'float32', dims: [1, 1, 6], values: [2, 2, 20, 20, 0.9, 0] }]);
  await writeImage(path.join(images, 'a.png'), S, S);
});

describe('labels whose classes file is missing', () => {
  it('YOLO labels without --classes and without classes.txt in their folder', async () => {
    const labels = path.join(root, 'yolo');
    writeText(path.join(labels, 'a.txt'), '0 0.5 0.5 0.5 0.5\n');
    const err = await refused(['--labels', 'yolo', '--annotations', labels, '--decoder', 'nms-rows']);
    expect(err).toContain(`Classes file ${path.join(labels, 'classes.txt')} does not exist.`);
    expect(err).toContain('--classes FILE');
  });

  it('per-class masks without --classes, and a --classes file that is not there', async () => {
    const masks = path.join(root, 'class-masks');
    await writeGreyPng(path.join(masks, 'a.png'), S, S, new Array<number>(S * S).fill(1));
    expect(await refused(['--labels', 'class-masks', '--annotations', masks, '--decoder', 'class-logits'])).toContain(`Classes file ${path.join(masks, 'classes.txt')} does not exist.`);
    const missing = path.join(root, 'no-such-classes.txt');
    expect(await refused(['--labels', 'class-masks', '--annotations', masks, '--classes', missing, '--decoder', 'class-logits'])).toContain(`Classes file ${missing} does not exist.`);
  });
});

describe('label folders that are absent or empty', () => {
  it('names --annotations, the flag that gives the folder', async () => {
    expect(await refused(['--labels', 'yolo', '--annotations', path.join(root, 'absent'), '--decoder', 'nms-rows'])).toMatch(/YOLO labels folder .*absent does not exist or is not a folder\.\n.*\(--annotations DIR\)/);
    const empty = path.join(root, 'empty');
    mkdirSync(empty, { recursive: true });
    writeText(path.join(empty, 'classes.txt'), 'cat\n');
    expect(await refused(['--labels', 'yolo', '--annotations', empty, '--decoder', 'nms-rows'])).toMatch(/has 1 image but no labelled objects in any of them.*\n.*Check that --annotations names the label files/);
  });
});
