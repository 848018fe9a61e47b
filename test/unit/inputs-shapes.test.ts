import { describe, expect, it } from 'vitest';
import type { ValueInfo } from '../../core/api/model-info.js';
import { LabError } from '../../core/api/errors.js';
import { resolveInputShapes } from '../../core/inputs/shapes.js';

const image: ValueInfo = { name: 'input', dtype: 'float32', shape: ['batch', 3, 224, 224] };
const tokens: ValueInfo = { name: 'ids', dtype: 'int64', shape: ['batch', 'seq_len'] };

function errorOf(fn: () => unknown): LabError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LabError) return e;
    throw e;
  }
  throw new Error('expected a LabError');
}

describe('resolveInputShapes', () => {
  it('fills symbolic dims from --dim values', () => {
    const shapes = resolveInputShapes('m.onnx', [image, tokens], { batch: 2, seq_len: 7 }, {});
    expect(shapes).toEqual([
      { name: 'input', dtype: 'float32', shape: [2, 3, 224, 224] },
      { name: 'ids', dtype: 'int64', shape: [2, 7] },
    ]);
  });

  it('lets --shape set a whole input; a --dim that contradicts it is an error, not overridden', () => {
    const shapes = resolveInputShapes('m.onnx', [image], {}, { input: [8, 3, 224, 224] });
    expect(shapes[0]?.shape).toEqual([8, 3, 224, 224]);
    expect(() => resolveInputShapes('m.onnx', [image], { batch: 2 }, { input: [8, 3, 224, 224] })).toThrow(/--dim batch=2 sets it to 2/);
  });

  it('lists every input with a missing dim, its shape and the flag that sets it', () => {
    const e = errorOf(() => resolveInputShapes('m.onnx', [image, tokens], {}, {}));
    expect(e.kind).toBe('usage');
    expect(e.message).toContain("'input' float32 [batch, 3, 224, 224]: no value for batch");
    expect(e.message).toContain('--dim batch=N or --shape input=1x3x224x224');
    expect(e.message).toContain("'ids' int64 [batch, seq_len]: no value for batch, seq_len");
    expect(e.message).toContain('--dim batch=N --dim seq_len=N');
  });

  it('names an unnamed unknown dim and offers --shape', () => {
    const e = errorOf(() => resolveInputShapes('m.onnx', [{ name: 'x', dtype: 'float32', shape: [null, 4] }], {}, {}));
    expect(e.message).toContain('(unnamed)');
    expect(e.message).toContain('--shape x=1x4');
  });

  it('refuses --dim for a name the model does not have, listing the ones it has', () => {
    const e = errorOf(() => resolveInputShapes('m.onnx', [image], { batchsize: 1 }, {}));
    expect(e.message).toContain("no input of m.onnx has a dim named 'batchsize'");
    expect(e.hint).toContain('batch');
  });

  it('refuses --shape for an unknown input, a wrong rank or a changed fixed dim', () => {
    expect(errorOf(() => resolveInputShapes('m.onnx', [image], {}, { images: [1, 3, 224, 224] })).hint).toContain("'input'");
    expect(errorOf(() => resolveInputShapes('m.onnx', [image], {}, { input: [1, 3, 224] })).message).toContain('rank 4');
    expect(errorOf(() => resolveInputShapes('m.onnx', [image], {}, { input: [1, 1, 224, 224] })).message).toContain('dim 1');
  });

  it('refuses dtypes it cannot synthesise', () => {
    const e = errorOf(() => resolveInputShapes('m.onnx', [{ name: 's', dtype: 'string', shape: [1] }], {}, {}));
    expect(e.kind).toBe('input');
    expect(e.message).toContain("'s' has dtype string");
  });
});
