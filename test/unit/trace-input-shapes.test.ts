import { describe, expect, it } from 'vitest';
import { shapesContradict } from '../../core/profile/trace-input-shapes.js';

describe('shapesContradict: a graph input as the trace read it against the model\'s declaration', () => {
  it('takes the same dims, symbolic dims, a permuted layout (NHWC) and one NCHWc-padded channel count', () => {
    expect(shapesContradict([1, 3, 224, 224], ['batch', 3, 224, 224])).toBe(false);
    expect(shapesContradict([1, 640, 640, 3], [1, 3, 640, 640])).toBe(false);
    expect(shapesContradict([1, 8, 56, 56], [1, 3, 56, 56])).toBe(false);
    expect(shapesContradict([4, 3, 32, 32], [null, 3, 'h', 'w'])).toBe(false);
  });

  it('refuses another size, another rank, and a padding that is no channel block', () => {
    expect(shapesContradict([1, 3, 32, 32], ['batch', 3, 224, 224])).toBe(true);
    expect(shapesContradict([1, 3, 224], [1, 3, 224, 224])).toBe(true);
    expect(shapesContradict([1, 30, 56, 56], [1, 3, 56, 56])).toBe(true);
    expect(shapesContradict([1, 16, 56, 56], [1, 3, 57, 56])).toBe(true);
  });
});
