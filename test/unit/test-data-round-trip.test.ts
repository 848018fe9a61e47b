import { create, toBinary } from '@bufbuild/protobuf';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TensorProto_DataType as DataType, TensorProtoSchema } from 'onnx-buf';
import { describe, expect, it } from 'vitest';
import { decodeTensorProto } from '../../core/inputs/test-data/tensor-proto.js';
import { listTestDataSets, readTestDataSet, writeTestDataSet } from '../../core/inputs/test-data/test-data-set.js';
import { ort } from '../../core/runtime/ort.js';

describe('ONNX test-data sets survive a write and a read', () => {
  it('writes input_K.pb / output_K.pb and reads back names, dtypes, dims and values', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'edgelab-pb-'));
    const x = new ort.Tensor('float32', Float32Array.from([1.5, -2, 3.25, 0, 1e-7, 42]), [1, 2, 3]);
    const ids = new ort.Tensor('int64', BigInt64Array.from([7n, -1n]), [2]);
    const y = new ort.Tensor('float16', Uint16Array.from([0x3c00, 0xc000]), [2]);
    await writeTestDataSet(path.join(root, 'test_data_set_1'), [{ name: 'x', tensor: x }, { name: 'ids', tensor: ids }], [{ name: 'y', tensor: y }]);
    await writeTestDataSet(path.join(root, 'test_data_set_0'), [{ name: 'x', tensor: x }, { name: 'ids', tensor: ids }]);

    expect(await readdir(path.join(root, 'test_data_set_1'))).toEqual(['input_0.pb', 'input_1.pb', 'output_0.pb']);
    const sets = await listTestDataSets(root);
    expect(sets.map((s) => path.basename(s))).toEqual(['test_data_set_0', 'test_data_set_1']);

    const set = await readTestDataSet(sets[1] as string);
    expect(set.inputs.map((t) => [t.name, t.tensor.type, t.tensor.dims])).toEqual([['x', 'float32', [1, 2, 3]], ['ids', 'int64', [2]]]);
    expect([...(set.inputs[0]?.tensor.data as Float32Array)]).toEqual([...x.data as Float32Array]);
    expect([...(set.inputs[1]?.tensor.data as BigInt64Array)]).toEqual([7n, -1n]);
    expect([...(set.outputs[0]?.tensor.data as Uint16Array)]).toEqual([0x3c00, 0xc000]);
    expect((await readTestDataSet(sets[0] as string)).outputs).toEqual([]);
  });

  it('reads the typed float_data / int64_data fields numpy_helper writes for small tensors', () => {
    const f = toBinary(TensorProtoSchema, create(TensorProtoSchema, { name: 'a', dims: [2n], dataType: DataType.FLOAT, floatData: [0.5, -4] }));
    const i = toBinary(TensorProtoSchema, create(TensorProtoSchema, { name: 'b', dims: [1n, 1n], dataType: DataType.INT64, int64Data: [9n] }));
    expect([...(decodeTensorProto(f, 'a.pb').tensor.data as Float32Array)]).toEqual([0.5, -4]);
    expect([...(decodeTensorProto(i, 'b.pb').tensor.data as BigInt64Array)]).toEqual([9n]);
  });
});
