import { describe, expect, it } from 'vitest';
import { DecoderSpecSchema } from '../../core/api/predictions.js';
import { decodeOutputs } from '../../core/evaluate/decoders/decode.js';
import { imageGeometry } from '../../core/evaluate/decoders/geometry.js';

const g = imageGeometry({ width: 100, height: 100 }, { width: 100, height: 100 }, 'stretch');

/** A v8-style head [1, rows, n] with one anchor at column 0 whose per-anchor values are `values`. */
function head(rows: number, n: number, values: number[]): Float32Array {
  const data = new Float32Array(rows * n);
  values.forEach((v, k) => (data[k * n] = v));
  return data;
}

describe('how many of a YOLO head\'s values are class scores', () => {
  it('leaves a segmentation head\'s mask coefficients aside when the classes file says how many classes there are', () => {
    // yolov8-seg: box, 3 class scores, 2 mask coefficients (one per prototype in output1 [1, 2, 8, 8]).
    const rows = 4 + 3 + 2, n = 20;
    const outputs = {
      output0: { dims: [1, rows, n], data: head(rows, n, [50, 50, 20, 20, 0.1, 0.8, 0.2, 6.5, -3]) },
      output1: { dims: [1, 2, 8, 8], data: new Float32Array(128) },
    };
    const p = decodeOutputs(DecoderSpecSchema.parse({ name: 'yolo-v8', multiLabel: false, classes: { file: 'seg.yaml', names: ['a', 'b', 'c'] } }), outputs, g);
    if (p.kind !== 'detections') throw new Error(p.kind);
    expect(p.detections.map((d) => [d.className, d.score.toFixed(2), d.bbox])).toEqual([['b', '0.80', [40, 40, 20, 20]]]);
  });

  it('refuses a classes file whose count disagrees with the head', () => {
    const rows = 4 + 3, n = 20;
    const outputs = { output0: { dims: [1, rows, n], data: head(rows, n, [50, 50, 20, 20, 0.1, 0.8, 0.2]) } };
    expect(() => decodeOutputs(DecoderSpecSchema.parse({ name: 'yolo-v8', classes: { file: 'classes.txt', names: ['a', 'b'] } }), outputs, g)).toThrow(
      'output0 [1, 7, 20] holds 3 values per anchor after the box, but classes.txt names 2 classes.',
    );
    const v5 = { output: { dims: [1, 30, 8], data: new Float32Array(240) } };
    expect(() => decodeOutputs(DecoderSpecSchema.parse({ name: 'yolo-v5', classes: { file: 'classes.txt', names: ['a', 'b', 'c', 'd'] } }), v5, g)).toThrow(
      'output [1, 30, 8] holds 3 values per anchor after the box, but classes.txt names 4 classes.',
    );
  });
});
