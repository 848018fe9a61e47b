import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { DecoderSpecSchema, type DecoderSpecInput } from '../../core/api/predictions.js';
import { matchDecoder } from '../../core/evaluate/decoders/decode.js';
import { imageGeometry } from '../../core/evaluate/decoders/geometry.js';
import { describeOutputs, inDeclaredOrder, outputEntries, type DecoderOutputs } from '../../core/evaluate/decoders/tensors.js';

const g = imageGeometry({ width: 64, height: 64 }, { width: 64, height: 64 }, 'stretch');
/** One detection row x1, y1, x2, y2, score, class: where it lands says which output was read. */
const rows = (x: number) => ({ dims: [1, 1, 6], data: Float32Array.from([x, 0, x + 10, 10, 0.9, 0]), dtype: 'float32' });

function refusal(spec: DecoderSpecInput, outputs: DecoderOutputs): LabError {
  try {
    matchDecoder(DecoderSpecSchema.parse(spec), outputs);
  } catch (e) {
    if (e instanceof LabError) return e;
    throw e;
  }
  throw new Error('matched outputs it should have refused');
}

describe('the output a decoder reads', () => {
  it('enumerates in the declared order, integer-like names included, where object order would put them first', () => {
    const outputs = inDeclaredOrder({ dets: rows(1), 7: rows(20) }, ['dets', '7']);
    expect(Object.keys(outputs)).toEqual(['7', 'dets']);
    expect(outputEntries(outputs).map(([n]) => n)).toEqual(['dets', '7']);
    expect(describeOutputs(outputs)).toBe('dets [1, 1, 6] float32, 7 [1, 1, 6] float32');
    // Spreading or comparing the outputs sees only the tensors.
    expect({ ...outputs }).toEqual({ dets: rows(1), 7: rows(20) });
  });

  it('refuses two fitting outputs with a hint to name one, and reads the one named', () => {
    const outputs = inDeclaredOrder({ dets: rows(1), 7: rows(20) }, ['dets', '7']);
    const both = refusal({ name: 'nms-rows' }, outputs);
    expect(both.message).toMatch(/there are 2/);
    expect(both.hint).toMatch(/name the one to read with --output NAME/);
    for (const [name, x] of [['dets', 1], ['7', 20]] as const) {
      const matched = matchDecoder(DecoderSpecSchema.parse({ name: 'nms-rows', output: name }), outputs);
      expect(matched.output).toBe(name);
      const p = matched.decode({ spec: DecoderSpecSchema.parse({ name: 'nms-rows', output: name }), geometry: g, classes: undefined });
      expect(p.kind === 'detections' && p.detections.map((d) => d.bbox[0])).toEqual([x]);
    }
  });

  it('keeps a segmentation head\'s prototypes beside the named detection output', () => {
    const head = (n: number) => ({ dims: [1, 4 + 1 + 2, n], data: new Float32Array(7 * n), dtype: 'float32' });
    const outputs = inDeclaredOrder({ output0: head(4), aux: head(8), protos: { dims: [1, 2, 8, 8], data: new Float32Array(128), dtype: 'float32' } }, ['output0', 'aux', 'protos']);
    // One class and two mask coefficients: the classes file says one class, the prototypes the two.
    const spec = DecoderSpecSchema.parse({ name: 'yolo-v8', output: 'aux', classes: { file: null, names: ['cat'] } });
    const matched = matchDecoder(spec, outputs);
    expect(matched.output).toBe('aux');
    expect(matched.decode({ spec, geometry: g, classes: undefined }).kind).toBe('detections');
  });

  it('refuses an output the model lacks, and a name for a decoder that reads several outputs by role', () => {
    const outputs = inDeclaredOrder({ dets: rows(1) }, ['dets']);
    const missing = refusal({ name: 'nms-rows', output: 'boxes' }, outputs);
    expect(missing.message).toBe("The model has no output 'boxes'; its outputs are dets [1, 1, 6] float32.");
    expect(missing.field).toEqual({ path: 'decoder.output', names: ['dets'] });
    // An inherited property is no output either.
    expect(refusal({ name: 'nms-rows', output: 'toString' }, outputs).message).toMatch(/no output 'toString'/);
    const several = refusal({ name: 'torchvision', output: 'boxes' }, outputs);
    expect(several.kind).toBe('usage');
    expect(several.message).toMatch(/decoder torchvision reads several outputs, each by its role/);
  });
});
