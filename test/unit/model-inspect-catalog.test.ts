import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { inspectModel } from '../../core/model/inspect.js';
import { modelPath } from '../helpers/models.js';

// inspectModel reports what the file holds: identity, I/O with symbolic dims, ops and weights.

describe('inspectModel on generated models', () => {
  it('describes mobilenet-style', async () => {
    const path = await modelPath('mobilenet-style');
    const bytes = await readFile(path);
    const info = await inspectModel(path);

    expect(info.fileName).toBe('mobilenet-style.onnx');
    expect(info.sizeBytes).toBe(bytes.length);
    expect(info.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(info.irVersion).toBe(8);
    expect(info.opsets).toEqual({ '': 17 });
    expect(info.producerName).toBe('edgelab-models');
    expect(info.inputs).toEqual([{ name: 'input', dtype: 'float32', shape: ['batch', 3, 224, 224] }]);
    expect(info.outputs).toEqual([{ name: 'probabilities', dtype: 'float32', shape: ['batch', 1000] }]);
    expect(info.symbolicDims).toEqual(['batch']);
    // stem + 13 blocks × (depthwise, pointwise)
    expect(info.opHistogram[0]).toEqual({ opType: 'Conv', count: 27 });
    expect(info.nodeCount).toBe(info.opHistogram.reduce((n, o) => n + o.count, 0));
    expect(info.parametersByDtype).toHaveLength(1);
    expect(info.parametersByDtype[0]!.dtype).toBe('float32');
    expect(info.parameterBytes).toBe(info.parameterCount * 4);
    // the file is the weights plus a few KiB of graph
    expect(info.sizeBytes - info.parameterBytes).toBeGreaterThan(0);
    expect(info.sizeBytes - info.parameterBytes).toBeLessThan(64 * 1024);
    expect(info.externalData).toEqual([]);
  });

  it('lists non-batch symbolic dims and every dtype of multi-input', async () => {
    const dims = await inspectModel(await modelPath('symbolic-dims'));
    expect(dims.symbolicDims).toEqual(['height', 'width', 'seq_len']);
    expect(dims.inputs.map((i) => i.shape)).toEqual([[1, 3, 'height', 'width'], ['seq_len', 16]]);

    const multi = await inspectModel(await modelPath('multi-input'));
    expect(multi.inputs.map((i) => i.dtype)).toEqual(['float32', 'float16', 'int8', 'uint8', 'int32', 'int64', 'bool']);
    expect(multi.outputs.map((o) => o.dtype)).toEqual(['float32', 'float32', 'int64', 'float16']);
    expect(multi.parameterCount).toBe(0);
  });
});
