import { describe, expect, it } from 'vitest';
import { RunSpecRequestSchema, RunSpecSchema } from '../../core/api/run-spec.js';

describe('blank text: refused in a request, still read in a record', () => {
  it('a record kept with an empty label, tag or notes still parses with the record schema', () => {
    const kept = RunSpecSchema.parse({ model: 'm.onnx', label: '', tags: [''], notes: ' ' });
    expect(kept.label).toBe('');
    expect(kept.tags).toEqual(['']);
  });

  it('the request schema names the field and says what to do', () => {
    for (const [spec, field, message] of [
      [{ label: '' }, 'label', 'a label is empty: give one, or leave the field out'],
      [{ tags: ['a', ' '] }, 'tags', 'a tag is empty'],
      [{ notes: '\n' }, 'notes', 'notes are empty'],
    ] as const) {
      const r = RunSpecRequestSchema.safeParse({ model: 'm.onnx', ...spec });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path[0]).toBe(field);
      expect(r.error?.issues[0]?.message).toContain(message);
    }
  });
});
