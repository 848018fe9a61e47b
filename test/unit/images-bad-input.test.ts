import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { ImagesInputsSchema } from '../../core/api/run-spec.js';
import { listImageFiles } from '../../core/inputs/images/image-files.js';
import { imageBatchTensor, readImages, resolveImageInput } from '../../core/inputs/images/image-input.js';

const spec = ImagesInputsSchema.parse({ kind: 'images', paths: ['-'] });
const target = resolveImageInput('m.onnx', [{ name: 'input', dtype: 'float32', shape: [1, 3, 4, 4] }], spec);

async function failure(p: Promise<unknown>): Promise<LabError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(LabError);
  return e as LabError;
}

describe('bad images are refused with the file named and what to do', () => {
  it('a corrupt image: truncated PNG bytes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-img-'));
    const file = path.join(dir, 'broken.png');
    const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ff0000' } }).png().toBuffer();
    await writeFile(file, png.subarray(0, png.length / 2));
    const e = await failure(imageBatchTensor(await readImages([file]), target, spec));
    expect(e.message).toMatch(new RegExp(`^Image ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be decoded`));
    expect(e.hint).toMatch(/complete JPEG, PNG/);
  });

  it('a file with an image name that is not an image', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-img-'));
    const file = path.join(dir, 'notes.jpg');
    await writeFile(file, 'not a jpeg');
    expect((await failure(imageBatchTensor(await readImages([file]), target, spec))).message).toContain(`Image ${file} cannot be decoded`);
  });

  it('a folder with no images', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-img-'));
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'sub', 'readme.txt'), 'hello');
    const e = await failure(listImageFiles([dir]));
    expect(e.message).toBe(`Folder ${dir} has no images.`);
    expect(e.hint).toMatch(/\.jpg/);
  });

  it('a missing path, and a missing file inside a list', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-img-'));
    expect((await failure(listImageFiles([path.join(dir, 'nope.png')]))).message).toContain('nope.png does not exist');
    const list = path.join(dir, 'list.txt');
    await writeFile(list, '# frames\ngone.png\n');
    expect((await failure(listImageFiles([list]))).message).toBe(`Image path ${path.join(dir, 'gone.png')} (listed in ${list}) does not exist or cannot be read.`);
  });

  it('a model input that images cannot feed', () => {
    expect(() => resolveImageInput('m.onnx', [{ name: 'input', dtype: 'float32', shape: [1, 1, 4, 4] }], spec)).toThrow(/has 1 channels in NCHW layout/);
    expect(() => resolveImageInput('m.onnx', [{ name: 'input', dtype: 'uint8', shape: [1, 3, 4, 4] }], spec)).toThrow(/is uint8 but the image preprocessing produces float32/);
    expect(() => resolveImageInput('m.onnx', [{ name: 'input', dtype: 'float32', shape: [1, 3, 'h', 'w'] }], spec)).toThrow(/leaves the image height or width symbolic/);
  });
});
