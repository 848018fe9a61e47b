import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import type { ValueInfo } from '../../core/api/model-info.js';
import { feedsForModel, readTestDataSet, writeTestDataSet } from '../../core/inputs/test-data/test-data-set.js';
import { ort } from '../../core/runtime/ort.js';

const modelInputs: ValueInfo[] = [{ name: 'input', dtype: 'float32', shape: ['batch', 3, 2, 2] }];

async function setWith(tensors: Array<{ name: string; tensor: ort.Tensor }>) {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'edgelab-pb-')), 'test_data_set_0');
  await writeTestDataSet(dir, tensors);
  return readTestDataSet(dir);
}

describe('test data that does not fit the model is refused with the file named', () => {
  it('accepts a matching tensor, symbolic batch included', async () => {
    const set = await setWith([{ name: 'input', tensor: new ort.Tensor('float32', new Float32Array(24), [2, 3, 2, 2]) }]);
    expect(Object.keys(feedsForModel('m.onnx', modelInputs, set))).toEqual(['input']);
  });

  it('refuses a count that differs from the model inputs', async () => {
    const t = new ort.Tensor('float32', new Float32Array(12), [1, 3, 2, 2]);
    const set = await setWith([{ name: 'input', tensor: t }, { name: 'extra', tensor: t }]);
    expect(() => feedsForModel('m.onnx', modelInputs, set)).toThrow(/has 2 input_K\.pb files but m\.onnx has 1 input \('input'\)/);
  });

  it('refuses a shape whose fixed dims differ', async () => {
    const set = await setWith([{ name: 'input', tensor: new ort.Tensor('float32', new Float32Array(16), [1, 4, 2, 2]) }]);
    const err = (() => { try { feedsForModel('m.onnx', modelInputs, set); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).message).toMatch(/input_0\.pb holds float32 \[1, 4, 2, 2\] but input 'input' of m\.onnx is float32 \[batch, 3, 2, 2\]/);
    expect((err as LabError).hint).toMatch(/another model/);
  });

  it('refuses a file that is not a TensorProto', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-pb-'));
    await writeFile(path.join(dir, 'input_0.pb'), Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]));
    await expect(readTestDataSet(dir)).rejects.toThrow(/input_0\.pb is not a serialized ONNX TensorProto/);
  });
});
