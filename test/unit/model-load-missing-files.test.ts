import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { inspectModel } from '../../core/model/inspect.js';

// A path that is not a readable model file is the user's to fix: an 'input' LabError that names
// the path and says what to do.

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'edgelab-missing-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function inspectError(path: string): Promise<LabError> {
  const error = await inspectModel(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabError);
  const lab = error as LabError;
  expect(lab.kind).toBe('input');
  expect(lab.message).toContain(path);
  expect(lab.hint).toBeTruthy();
  return lab;
}

describe('inspectModel on paths that are not model files', () => {
  it('missing file', async () => {
    const e = await inspectError(join(dir, 'nope.onnx'));
    expect(e.message).toMatch(/not found/);
  });

  it('a directory, naming the models inside it', async () => {
    const folder = join(dir, 'exported');
    await mkdir(folder);
    await writeFile(join(folder, 'resnet18.onnx'), 'x');
    const e = await inspectError(folder);
    expect(e.message).toMatch(/is a directory/);
    expect(e.hint).toContain('resnet18.onnx');
  });

  it('an empty file', async () => {
    const empty = join(dir, 'empty.onnx');
    await writeFile(empty, '');
    const e = await inspectError(empty);
    expect(e.message).toMatch(/empty \(0 bytes\)/);
  });
});
