import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema } from 'onnx-buf';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { inspectModel } from '../../core/model/inspect.js';
import { modelPath } from '../helpers/models.js';

// Files that exist but are not whole ONNX models: protobuf decodes much garbage without complaint,
// so the loader must still say which case it is and what to do.

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'edgelab-not-onnx-'));
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

describe('inspectModel on files that are not whole ONNX models', () => {
  it('a JPEG image', async () => {
    const path = join(dir, 'photo.onnx');
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).jpeg().toFile(path);
    const e = await inspectError(path);
    expect(e.message).toMatch(/not an ONNX model: it looks like a JPEG image/);
  });

  it('a text file', async () => {
    const path = join(dir, 'model.onnx');
    await writeFile(path, 'version https://git-lfs.github.com/spec/v1\noid sha256:0123\nsize 1234\n');
    const e = await inspectError(path);
    expect(e.message).toMatch(/not an ONNX model: it looks like a text file/);
    expect(e.hint).toMatch(/Git LFS/);
  });

  it('a real model cut in half', async () => {
    const whole = await readFile(await modelPath('tiny-classifier'));
    const path = join(dir, 'truncated.onnx');
    await writeFile(path, whole.subarray(0, Math.floor(whole.length / 2)));
    const e = await inspectError(path);
    expect(e.message).toMatch(/is truncated/);
  });

  it('a model with no graph', async () => {
    const path = join(dir, 'no-graph.onnx');
    const model = create(ModelProtoSchema, { irVersion: 8n, producerName: 'metadata-only', opsetImport: [{ domain: '', version: 17n }] });
    await writeFile(path, toBinary(ModelProtoSchema, model));
    const e = await inspectError(path);
    expect(e.message).toMatch(/has no graph/);
  });
});
