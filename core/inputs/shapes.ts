import { LabError } from '../api/errors.js';
import type { Dim, ValueInfo } from '../api/model-info.js';
import { isSynthesizable, type SynthDtype } from './dtypes.js';

export interface ConcreteInput {
  name: string;
  dtype: SynthDtype;
  shape: number[];
}

export const formatShape = (shape: readonly Dim[]): string =>
  `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;

export const shapeFlag = (shape: readonly number[]): string => shape.join('x');

/**
 * Every graph input gets a concrete shape from the model, `--dim NAME=V` or `--shape INPUT=AxBxC`.
 * A symbolic dim without a value is an error that lists every such input: guessing 1 would measure
 * a different workload than the one the user deploys.
 */
export function resolveInputShapes(
  modelPath: string,
  inputs: readonly ValueInfo[],
  dims: Readonly<Record<string, number>>,
  shapes: Readonly<Record<string, readonly number[]>>,
): ConcreteInput[] {
  const inputNames = new Set(inputs.map((i) => i.name));
  for (const name of Object.keys(shapes)) {
    if (!inputNames.has(name)) {
      throw new LabError(
        'usage',
        `--shape ${name}=…: ${modelPath} has no input named '${name}'.`,
        `Its inputs are: ${[...inputNames].map((n) => `'${n}'`).join(', ')}.`,
      );
    }
  }
  const symbolic = new Set(inputs.flatMap((i) => (i.shape ?? []).filter((d): d is string => typeof d === 'string')));
  for (const name of Object.keys(dims)) {
    if (!symbolic.has(name)) {
      const known = symbolic.size ? `Its symbolic dims are: ${[...symbolic].join(', ')}.` : 'It has no symbolic dims.';
      throw new LabError('usage', `--dim ${name}=…: no input of ${modelPath} has a dim named '${name}'.`, known);
    }
  }

  const resolved: ConcreteInput[] = [];
  const missing: string[] = [];
  const missingDims = new Set<string>();
  let missingShape = false;
  for (const input of inputs) {
    if (!isSynthesizable(input.dtype)) {
      throw new LabError(
        'input',
        `${modelPath}: input '${input.name}' has dtype ${input.dtype}, which edgelab cannot synthesise.`,
        'Supported: float32, float16, float64, int8/16/32/64, uint8/16/32/64, bool. Feed real data with a test-data set instead.',
      );
    }
    const badStatic = (input.shape ?? []).findIndex((d) => typeof d === 'number' && d < 1);
    if (badStatic >= 0) {
      // ONNX Runtime throws on a negative dim and a 0 dim is an empty tensor: nothing to measure either way.
      throw new LabError(
        'input',
        `${modelPath}: input '${input.name}' declares dim ${badStatic} as ${String(input.shape?.[badStatic])} ${formatShape(input.shape ?? [])}; a static dim must be at least 1.`,
        'The model file is malformed or exported with a placeholder. Re-export it with a symbolic dim (dim_param) or the real size, then give the size with --dim or --shape.',
      );
    }
    const given = shapes[input.name];
    if (given) {
      checkGivenShape(modelPath, input, given);
      checkShapeAgreesWithDims(input, given, dims);
      resolved.push({ name: input.name, dtype: input.dtype, shape: [...given] });
      continue;
    }
    if (input.shape === null) {
      missing.push(`  '${input.name}' ${input.dtype} [unknown rank] → set --shape ${input.name}=…`);
      missingShape = true;
      continue;
    }
    const unknown = input.shape.filter((d) => d === null || (typeof d === 'string' && dims[d] === undefined));
    if (unknown.length > 0) {
      const names = unknown.map((d) => (d === null ? '(unnamed)' : d));
      const example = input.shape.map((d) => (typeof d === 'number' ? d : typeof d === 'string' && dims[d] !== undefined ? dims[d] : 1));
      const dimFlags = unknown.filter((d): d is string => typeof d === 'string').map((d) => `--dim ${d}=N`);
      for (const d of unknown) if (typeof d === 'string') missingDims.add(d);
      if (dimFlags.length !== unknown.length) missingShape = true;
      const how = dimFlags.length === unknown.length ? `${dimFlags.join(' ')} or --shape ${input.name}=${shapeFlag(example)}` : `--shape ${input.name}=${shapeFlag(example)}`;
      missing.push(`  '${input.name}' ${input.dtype} ${formatShape(input.shape)}: no value for ${names.join(', ')} → set ${how}`);
      continue;
    }
    resolved.push({
      name: input.name,
      dtype: input.dtype,
      shape: input.shape.map((d) => (typeof d === 'number' ? d : (dims[d as string] as number))),
    });
  }
  if (missing.length > 0) {
    throw new LabError(
      'usage',
      `${modelPath} has inputs with dimensions that need a value:\n${missing.join('\n')}`,
      'Give the values you deploy with (e.g. the batch size and image size); edgelab does not guess them.',
      { field: missingShape && missingDims.size === 0 ? { path: 'inputs.shapes', names: inputs.filter((i) => i.shape === null).map((i) => i.name) } : { path: 'inputs.dims', names: [...missingDims] } },
    );
  }
  return resolved;
}

function checkGivenShape(modelPath: string, input: ValueInfo, given: readonly number[]): void {
  if (input.shape === null) return;
  if (given.length !== input.shape.length) {
    throw new LabError(
      'usage',
      `--shape ${input.name}=${shapeFlag(given)}: ${modelPath} declares '${input.name}' with rank ${input.shape.length} ${formatShape(input.shape)}, not rank ${given.length}.`,
      `Give ${input.shape.length} dims separated by x.`,
    );
  }
  input.shape.forEach((d, i) => {
    if (typeof d === 'number' && given[i] !== d) {
      throw new LabError(
        'usage',
        `--shape ${input.name}=${shapeFlag(given)}: dim ${i} of '${input.name}' is fixed at ${d} in ${modelPath} ${formatShape(input.shape ?? [])}.`,
        'Only symbolic dims can be set; keep the fixed ones as the model declares them.',
      );
    }
  });
}

/** `--shape x=1x3x224x224 --dim height=320` is a contradiction, not a choice edgelab should make. */
function checkShapeAgreesWithDims(input: ValueInfo, given: readonly number[], dims: Readonly<Record<string, number>>): void {
  (input.shape ?? []).forEach((d, i) => {
    if (typeof d === 'string' && dims[d] !== undefined && dims[d] !== given[i]) {
      throw new LabError(
        'usage',
        `--shape ${input.name}=${shapeFlag(given)} sets '${d}' (dim ${i} of '${input.name}') to ${String(given[i])}, but --dim ${d}=${dims[d]} sets it to ${dims[d]}.`,
        `Give the size once: drop --dim ${d} or change --shape to agree with it.`,
      );
    }
  });
}
