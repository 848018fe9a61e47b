import { describe, expect, it } from 'vitest';
import { OutputCheckRequestSchema } from '../../core/api/output-check.js';
import { checkDims, DEFAULT_PREPROCESSING, FormError, preprocessingRequest } from '../../renderer/src/run-fields/check-form-values.js';

// The Check outputs form's values → the request the lab validates with its own schema.
describe('symbolic dims typed in the Check outputs form', () => {
  it('gives every dim its whole number', () => {
    expect(checkDims(['height', 'width'], { height: '8', width: ' 6 ' })).toEqual({ height: 8, width: 6 });
    expect(checkDims([], {})).toEqual({});
  });

  it('names each empty dim by its field, never by a CLI flag', () => {
    const refusal = (() => {
      try {
        checkDims(['height', 'width', 'seq_len'], { height: '8' });
      } catch (e) {
        return e;
      }
    })() as FormError;
    expect(refusal).toBeInstanceOf(FormError);
    expect(refusal.kind).toBe('usage');
    expect(refusal.message).toBe('No value for symbolic dims width, seq_len: synthetic inputs need the size of every dim the model leaves open.');
    expect(refusal.hint).toContain('"Value of symbolic dim width"');
    expect(`${refusal.message} ${refusal.hint}`).not.toContain('--');
  });

  it('refuses a value that is not a whole number ≥ 1, naming the field and the value', () => {
    for (const bad of ['0', '-2', '1.5', 'abc']) {
      expect(() => checkDims(['height'], { height: bad })).toThrow(`Value of symbolic dim height: ${bad} is not a whole number ≥ 1.`);
    }
  });
});

describe('image options of the accuracy check', () => {
  const request = (preprocessing: ReturnType<typeof preprocessingRequest>) => OutputCheckRequestSchema.safeParse({ kind: 'accuracy', model: 'm.onnx', images: 'val', labels: 'labels.txt', preprocessing });

  it('the defaults are ImageNet normalisation and what a run takes by default', () => {
    const p = preprocessingRequest(DEFAULT_PREPROCESSING);
    expect(p).toEqual({ resize: 'stretch', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], channelOrder: 'rgb', layout: 'nchw', dtype: 'float32' });
    expect(request(p).success).toBe(true);
  });

  it('every option typed reaches the request; the pad value only with letterbox', () => {
    const p = preprocessingRequest({ resize: 'letterbox', imagenet: false, padValue: '0', channelOrder: 'bgr', layout: 'nhwc', dtype: 'uint8', scale: '1', size: '480x640' });
    expect(p).toEqual({ resize: 'letterbox', padValue: 0, channelOrder: 'bgr', layout: 'nhwc', dtype: 'uint8', scale: 1, size: [480, 640] });
    expect(request(p).success).toBe(true);
    expect(preprocessingRequest({ ...DEFAULT_PREPROCESSING, padValue: '20' })).not.toHaveProperty('padValue');
  });

  it('a value the lab would refuse is sent as typed, so the schema names the field', () => {
    for (const typed of [{ size: '480' }, { size: 'axb' }, { scale: 'x' }, { padValue: '300', resize: 'letterbox' as const }]) {
      const parsed = request(preprocessingRequest({ ...DEFAULT_PREPROCESSING, ...typed }));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path.slice(0, 2)).toEqual(['preprocessing', Object.keys(typed)[0]]);
    }
  });
});
