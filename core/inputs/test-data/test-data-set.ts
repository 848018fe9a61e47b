import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../../api/errors.js';
import type { ValueInfo } from '../../api/model-info.js';
import type { Feeds, OrtTensor } from '../../runtime/ort.js';
import { readRegularFile } from '../../files/regular-file.js';
import { formatShape } from '../shapes.js';
import { decodeTensorProto, encodeTensorProto, type NamedTensor } from './tensor-proto.js';

/** One `test_data_set_N` folder: inputs and (when present) expected outputs, in K order. */
export interface TestDataSet {
  dir: string;
  inputs: NamedTensor[];
  outputs: NamedTensor[];
}

const setPattern = /^test_data_set_(\d+)$/;
const filePattern = (prefix: 'input' | 'output') => new RegExp(`^${prefix}_(\\d+)\\.pb$`);

/**
 * The set folders under `dir` in N order, as onnx_test_runner lays out a model's test folder
 * (`model.onnx` beside `test_data_set_0/`, `test_data_set_1/` …); `dir` may also be one set itself.
 */
export async function listTestDataSets(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    throw new LabError('input', `Test-data folder ${dir} does not exist or cannot be read.`, 'Give the folder that holds test_data_set_0/, test_data_set_1/ … (or one such folder).', { cause: e });
  }
  if (names.some((n) => filePattern('input').test(n))) return [dir];
  const sets = names
    .map((n) => ({ n, m: setPattern.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]))
    .map((x) => path.join(dir, x.n));
  if (sets.length === 0) {
    throw new LabError('input', `${dir} has no test_data_set_N folders and no input_K.pb files.`, 'Lay test data out as onnx_test_runner does: DIR/test_data_set_0/input_0.pb, output_0.pb …');
  }
  return sets;
}

async function readNumbered(dir: string, prefix: 'input' | 'output'): Promise<NamedTensor[]> {
  const pattern = filePattern(prefix);
  const files = (await readdir(dir))
    .map((n) => ({ n, m: pattern.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]));
  files.forEach((f, i) => {
    if (Number(f.m[1]) !== i) {
      throw new LabError('input', `${dir}: ${prefix}_${i}.pb is missing (found ${files.map((x) => x.n).join(', ')}).`, `Number the ${prefix} files from 0 without gaps.`);
    }
  });
  return Promise.all(files.map(async (f) => {
    const file = path.join(dir, f.n);
    return decodeTensorProto(new Uint8Array(await readRegularFile(file, { what: 'Test data file', hint: 'Each input_K.pb and output_K.pb must be a TensorProto file saved on disk.' })), file);
  }));
}

export async function readTestDataSet(dir: string): Promise<TestDataSet> {
  const inputs = await readNumbered(dir, 'input');
  if (inputs.length === 0) {
    throw new LabError('input', `${dir} has no input_0.pb.`, 'Each test_data_set_N folder needs input_0.pb … input_K.pb, one per model input.');
  }
  return { dir, inputs, outputs: await readNumbered(dir, 'output') };
}

/** Writes one set; with no outputs only the inputs (a set to feed, with nothing expected yet). */
export async function writeTestDataSet(dir: string, inputs: readonly NamedTensor[], outputs: readonly NamedTensor[] = []): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all([
    ...inputs.map((t, k) => writeFile(path.join(dir, `input_${k}.pb`), encodeTensorProto(t.name, t.tensor))),
    ...outputs.map((t, k) => writeFile(path.join(dir, `output_${k}.pb`), encodeTensorProto(t.name, t.tensor))),
  ]);
}

/**
 * Pairs a set's tensors with the model's inputs: by name when every tensor is named after an input,
 * else by position (as onnx_test_runner does). Counts, dtypes and fixed dims must match.
 */
export function feedsForModel(modelPath: string, modelInputs: readonly ValueInfo[], set: TestDataSet): Feeds {
  const tensors = matchByNameOrPosition(modelPath, modelInputs, set.inputs, set.dir, 'input');
  const feeds: Feeds = {};
  modelInputs.forEach((input, k) => {
    const t = tensors[k] as OrtTensor;
    checkTensorFits(modelPath, input, t, path.join(set.dir, `input_${set.inputs.findIndex((x) => x.tensor === t)}.pb`));
    feeds[input.name] = t;
  });
  return feeds;
}

/** The expected outputs in the model's output order, matched the same way as inputs. */
export function expectedOutputs(modelPath: string, modelOutputs: readonly ValueInfo[], set: TestDataSet): Map<string, OrtTensor> {
  const tensors = matchByNameOrPosition(modelPath, modelOutputs, set.outputs, set.dir, 'output');
  return new Map(modelOutputs.map((o, k) => [o.name, tensors[k] as OrtTensor]));
}

function matchByNameOrPosition(modelPath: string, values: readonly ValueInfo[], tensors: readonly NamedTensor[], dir: string, kind: 'input' | 'output'): OrtTensor[] {
  if (tensors.length !== values.length) {
    throw new LabError('input', `${dir} has ${tensors.length} ${kind}_K.pb file${tensors.length === 1 ? '' : 's'} but ${modelPath} has ${values.length} ${kind}${values.length === 1 ? '' : 's'} (${values.map((v) => `'${v.name}'`).join(', ')}).`, `Give one ${kind}_K.pb per model ${kind}, in the model's order; is this test data for another model?`);
  }
  const byName = new Map(tensors.map((t) => [t.name, t.tensor]));
  if (values.every((v) => byName.has(v.name))) return values.map((v) => byName.get(v.name) as OrtTensor);
  return tensors.map((t) => t.tensor);
}

function checkTensorFits(modelPath: string, input: ValueInfo, tensor: OrtTensor, file: string): void {
  const got = `${tensor.type} [${tensor.dims.join(', ')}]`;
  const fix = 'Is this test data for another model or another export of it? Regenerate it for this model.';
  if (tensor.type !== input.dtype) {
    throw new LabError('input', `${file} holds ${got} but input '${input.name}' of ${modelPath} is ${input.dtype}.`, fix);
  }
  const shape = input.shape;
  if (!shape) return;
  const fits = shape.length === tensor.dims.length && shape.every((d, i) => typeof d !== 'number' || d === tensor.dims[i]);
  if (!fits) {
    throw new LabError('input', `${file} holds ${got} but input '${input.name}' of ${modelPath} is ${input.dtype} ${formatShape(shape)}.`, fix);
  }
}

/**
 * Every set under `dir` as feeds for the model, checked before anything runs: the input pool a
 * benchmark rotates over when its spec says `{ kind: 'test-data', dir }`.
 */
export async function loadTestDataFeeds(modelPath: string, modelInputs: readonly ValueInfo[], dir: string): Promise<Feeds[]> {
  const sets = await Promise.all((await listTestDataSets(dir)).map(readTestDataSet));
  return sets.map((s) => feedsForModel(modelPath, modelInputs, s));
}
