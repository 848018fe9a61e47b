import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParityResult } from '../../core/evaluate/parity.js';
import { runParity } from '../../core/evaluate/parity.js';
import { attr, ModelBuilder } from '../../models/onnx-builder.js';

const weights = [0.5, -0.25, 1, 0.125, -1, 0.75, 0.25, 0.5, 0.1, 0.2, 0.3, 0.4];

async function gemmModel(dir: string, name: string, w: number[]): Promise<string> {
  const b = new ModelBuilder({ graphName: name });
  const x = b.input('x', 'float32', [1, 4]);
  b.node('Gemm', [x, b.initializer('w', 'float32', [3, 4], w)], 'y', { attributes: { transB: attr.int(1) } });
  b.output('y', 'float32', [1, 3]);
  const file = path.join(dir, `${name}.onnx`);
  await writeFile(file, b.toBytes());
  return file;
}

describe('parity catches a variant whose weights drifted', () => {
  it('passes an identical variant and fails one with a weight off by 0.01', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-parity-'));
    const reference = await gemmModel(dir, 'reference', weights);
    const same = await gemmModel(dir, 'same', weights);
    const drifted = await gemmModel(dir, 'drifted', weights.map((v, i) => (i === 5 ? v + 0.01 : v)));

    const ok = (await runParity(reference, { candidateModel: same, inputSets: 3 })).extras.parity as ParityResult;
    expect(ok.verdict).toBe('pass');
    expect(ok.outputs[0]?.maxAbsError).toBe(0);
    expect(ok.outputs[0]?.cosineSimilarity).toBeCloseTo(1, 12);
    expect(ok.top1Agreement).toEqual([{ name: 'y', rows: 3, agreeing: 3 }]);

    const record = await runParity(reference, { candidateModel: drifted, inputSets: 3 });
    const bad = record.extras.parity as ParityResult;
    expect(bad.verdict).toBe('fail');
    expect(bad.inputSets).toBe(3);
    expect(bad.outputs[0]?.name).toBe('y');
    // Only y[1] depends on w[1][1]; its error is 0.01 × |x[1]| with x in [-1, 1).
    expect(bad.outputs[0]?.maxAbsError).toBeGreaterThan(0);
    expect(bad.outputs[0]?.maxAbsError).toBeLessThanOrEqual(0.01 + 1e-6);
    expect(bad.outputs[0]?.mismatchCount).toBeGreaterThan(0);
    expect(record.samplesMs).toHaveLength(3);
  });

  it('refuses to compare a model with itself on one provider', async () => {
    await expect(runParity('whatever.onnx')).rejects.toThrow(/compares nothing/);
  });
});
