import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateTestData, saveExpectedOutputs, type ExpectedOutputsEvaluation } from '../../core/evaluate/expected-outputs.js';
import { readTestDataSet, writeTestDataSet } from '../../core/inputs/test-data/test-data-set.js';
import { ort } from '../../core/runtime/ort.js';
import { modelPath } from '../helpers/models.js';

describe('expected-output checks pass on saved outputs and fail on altered ones', () => {
  it('saves outputs as expected, passes them, then fails when one value moves beyond atol + rtol', async () => {
    const model = await modelPath('tiny-classifier');
    const root = await mkdtemp(path.join(os.tmpdir(), 'edgelab-eval-'));
    for (const n of [0, 1]) {
      const data = Float32Array.from({ length: 3 * 32 * 32 }, (_, i) => Math.sin(i + n));
      await writeTestDataSet(path.join(root, `test_data_set_${n}`), [{ name: 'input', tensor: new ort.Tensor('float32', data, [1, 3, 32, 32]) }]);
    }
    const written = await saveExpectedOutputs(model, root);
    expect(written.map((f) => path.relative(root, f))).toEqual([path.join('test_data_set_0', 'output_0.pb'), path.join('test_data_set_1', 'output_0.pb')]);

    const passed = (await evaluateTestData(model, root)).extras.evaluation as ExpectedOutputsEvaluation;
    expect(passed.verdict).toBe('pass');
    expect(passed.tolerance).toEqual({ atol: 1e-5, rtol: 1e-3 });
    expect(passed.sets.map((s) => s.outputs[0]?.maxAbsError)).toEqual([0, 0]);

    const set1 = await readTestDataSet(path.join(root, 'test_data_set_1'));
    const probs = Float32Array.from(set1.outputs[0]?.tensor.data as Float32Array);
    probs[3] = (probs[3] as number) + 0.01;
    await writeTestDataSet(set1.dir, [], [{ name: 'probabilities', tensor: new ort.Tensor('float32', probs, [1, 10]) }]);

    const record = await evaluateTestData(model, root, { tolerance: { atol: 1e-5, rtol: 1e-3 } });
    const failed = record.extras.evaluation as ExpectedOutputsEvaluation;
    expect(failed.verdict).toBe('fail');
    expect([failed.passedSets, failed.failedSets]).toEqual([1, 1]);
    expect(failed.sets[1]?.outputs[0]?.mismatchCount).toBe(1);
    expect(failed.sets[1]?.outputs[0]?.maxAbsError).toBeCloseTo(0.01, 6);
    expect(record.spec.inputs).toEqual({ kind: 'test-data', dir: root });

    const loose = (await evaluateTestData(model, root, { tolerance: { atol: 0.02, rtol: 0 } })).extras.evaluation as ExpectedOutputsEvaluation;
    expect(loose.verdict).toBe('pass');
  });
});
