import path from 'node:path';
import { LabError } from '../api/errors.js';
import type { ModelInfo } from '../api/model-info.js';
import type { CompletedRun } from '../api/run-record.js';
import { RunSpecSchema, SessionSettingsSchema } from '../api/run-spec.js';
import { expectedOutputs, feedsForModel, listTestDataSets, readTestDataSet, writeTestDataSet, type TestDataSet } from '../inputs/test-data/test-data-set.js';
import { inspectModel } from '../model/inspect.js';
import type { Feeds, OrtTensor } from '../runtime/ort.js';
import { createSession } from '../runtime/session.js';
import { compareValues, DEFAULT_TOLERANCE, type OutputDrift, type Tolerance } from './compare-outputs.js';
import { completedRecord } from './evaluation-record.js';
import { timedRun } from './session-run.js';
import { tensorValues } from './tensor-values.js';

export interface TestDataEvalOptions {
  tolerance?: Tolerance;
  session?: Parameters<typeof SessionSettingsSchema.parse>[0];
  modelInfo?: ModelInfo;
  label?: string;
}

export interface SetResult {
  dir: string;
  passed: boolean;
  outputs: OutputDrift[];
}

/** What `extras.evaluation` holds: one case per test_data_set_N, pass only when every output is. */
export interface ExpectedOutputsEvaluation {
  kind: 'expected-outputs';
  dir: string;
  tolerance: Tolerance;
  sets: SetResult[];
  passedSets: number;
  failedSets: number;
  verdict: 'pass' | 'fail';
}

interface LoadedSets {
  info: ModelInfo;
  sets: TestDataSet[];
  feeds: Feeds[];
}

async function loadSets(model: string, dir: string, info?: ModelInfo): Promise<LoadedSets> {
  const modelInfo = info ?? (await inspectModel(model));
  const sets = await Promise.all((await listTestDataSets(dir)).map(readTestDataSet));
  // Every set is checked against the model before anything runs.
  const feeds = sets.map((s) => feedsForModel(model, modelInfo.inputs, s));
  return { info: modelInfo, sets, feeds };
}

/**
 * Runs every test_data_set_N of `dir` through the model and compares each output with its
 * output_K.pb under the tolerance (onnx_test_runner's defaults: atol 1e-5, rtol 1e-3).
 */
export async function evaluateTestData(model: string, dir: string, options: TestDataEvalOptions = {}): Promise<CompletedRun> {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const startedAt = new Date().toISOString();
  const { info, sets, feeds } = await loadSets(model, dir, options.modelInfo);
  const expected = sets.map((s) => {
    if (s.outputs.length === 0) {
      throw new LabError('input', `${s.dir} has no output_K.pb: there is nothing to compare the model's outputs with.`, `Save the outputs of a model you trust as the expected ones with \`edgelab eval REFERENCE.onnx --test-data ${dir} --save-expected\`.`);
    }
    return expectedOutputs(model, info.outputs, s);
  });
  const spec = RunSpecSchema.parse({
    model,
    ...(options.label ? { label: options.label } : {}),
    tags: ['eval'],
    inputs: { kind: 'test-data', dir },
    session: options.session ?? {},
    scenario: { kind: 'single-stream', warmup: { iterations: 0 }, iterations: sets.length },
  });
  const created = await createSession(model, spec.session);
  try {
    const samplesMs: number[] = [];
    const results: SetResult[] = [];
    const started = performance.now();
    for (let i = 0; i < sets.length; i++) {
      const run = await timedRun(created.session, feeds[i] as Feeds);
      samplesMs.push(run.ms);
      const outputs = info.outputs.map((o) => {
        const want = expected[i]?.get(o.name) as OrtTensor;
        const got = run.outputs[o.name];
        // Values of different shapes cannot be compared element by element: the set was made for
        // another model (or for other input shapes), and a count of "mismatches" would hide that.
        if (got && !sameDims(got.dims, want.dims)) {
          throw new LabError('input',
            `${(sets[i] as TestDataSet).dir}: the expected output ${o.name} has shape [${want.dims.join(', ')}], but ${path.basename(model)} produced [${got.dims.join(', ')}] from this set's inputs.`,
            `These expected outputs were made for another model or other input shapes. Save them from a reference model of this one: edgelab eval REFERENCE.onnx --test-data ${dir} --save-expected --force.`);
        }
        return compareValues(o.name, got ? tensorValues(got) : new Float64Array(0), tensorValues(want), tolerance);
      });
      results.push({ dir: (sets[i] as TestDataSet).dir, passed: outputs.every((o) => o.passed), outputs });
    }
    const elapsedMs = performance.now() - started;
    const passedSets = results.filter((r) => r.passed).length;
    const evaluation: ExpectedOutputsEvaluation = {
      kind: 'expected-outputs', dir, tolerance, sets: results, passedSets, failedSets: results.length - passedSets,
      verdict: passedSets === results.length ? 'pass' : 'fail',
    };
    return completedRecord(spec, info, {
      startedAt, sessionCreateMs: created.sessionCreateMs, firstInferenceMs: samplesMs[0] ?? 0,
      warmupIterations: 0, warmupMs: 0, samplesMs, elapsedMs, distinctInputSets: sets.length, inputs: feeds[0] as Feeds,
    }, { evaluation });
  } finally {
    await created.session.release();
  }
}

/** Runs each set's inputs and writes the outputs beside them as output_K.pb ("save these as expected"). */
export async function saveExpectedOutputs(
  model: string,
  dir: string,
  options: Omit<TestDataEvalOptions, 'tolerance' | 'label'> & { replace?: boolean } = {},
): Promise<string[]> {
  const { info, sets, feeds } = await loadSets(model, dir, options.modelInfo);
  // Expected outputs are the reference others are judged by: replacing them is a decision, not a default.
  const holding = sets.filter((s) => s.outputs.length > 0);
  if (holding.length > 0 && !options.replace) {
    throw new LabError(
      'usage',
      `${holding[0]?.dir} already holds expected outputs (output_0.pb …)${holding.length > 1 ? `, as do ${holding.length - 1} more sets` : ''}; nothing was written.`,
      'Add --force to replace them with this model\'s outputs, or check against them with `edgelab eval MODEL --test-data DIR`.',
    );
  }
  const created = await createSession(model, SessionSettingsSchema.parse(options.session ?? {}));
  try {
    const written: string[] = [];
    for (let i = 0; i < sets.length; i++) {
      const set = sets[i] as TestDataSet;
      const out = await created.session.run(feeds[i] as Feeds);
      const outputs = info.outputs.map((o) => ({ name: o.name, tensor: out[o.name] as OrtTensor }));
      await writeTestDataSet(set.dir, [], outputs);
      written.push(...outputs.map((_, k) => path.join(set.dir, `output_${k}.pb`)));
    }
    return written;
  } finally {
    await created.session.release();
  }
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
