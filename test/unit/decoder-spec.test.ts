import { describe, expect, it } from 'vitest';
import { DecoderSpecSchema, PredictionSchema } from '../../core/api/predictions.js';

describe('the decoder spec a run records', () => {
  it('fills in every stated default, so a figure names the thresholds it was computed with', () => {
    expect(DecoderSpecSchema.parse({ name: 'yolo-v8' })).toEqual({
      name: 'yolo-v8',
      scoreThreshold: 0.001,
      iouThreshold: 0.7,
      maxDetections: 300,
      classAgnostic: false,
      multiLabel: true,
      maskThreshold: 0.5,
      activation: 'auto',
      text: { threshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5, maxCandidates: 1000, minSize: 3 },
    });
    expect(DecoderSpecSchema.parse({ name: 'dbnet', text: { unclipRatio: 2 } }).text).toEqual({ threshold: 0.3, boxThreshold: 0.6, unclipRatio: 2, maxCandidates: 1000, minSize: 3 });
  });

  it('refuses an unknown decoder, a threshold outside its range, a column named twice, and an unknown field', () => {
    const issue = (input: unknown) => {
      const r = DecoderSpecSchema.safeParse(input);
      return r.success ? null : `${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`;
    };
    expect(issue({ name: 'yolo-v9' })).toMatch(/^name: /);
    expect(issue({ name: 'yolo-v8', scoreThreshold: 1.5 })).toMatch(/^scoreThreshold: /);
    expect(issue({ name: 'yolo-v8', iouThreshold: 0 })).toMatch(/^iouThreshold: /);
    expect(issue({ name: 'nms-rows', columns: ['x1', 'y1', 'x2', 'y2', 'score', 'score'] })).toBe('columns: names a column twice; each of batch, x1, y1, x2, y2, score, class at most once');
    expect(issue({ name: 'yolo-v8', conf: 0.25 })).toMatch(/conf/);
  });

  it('keeps predictions as plain data that survives JSON (IPC, the side file)', () => {
    const p = { kind: 'detections', detections: [{ bbox: [1, 2, 3, 4], score: 0.5, classIndex: 2, className: 'car', categoryId: 3, mask: { size: [10, 20], counts: 'PPYo0' } }] };
    expect(PredictionSchema.parse(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });
});
