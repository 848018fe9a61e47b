import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { DecoderSpecSchema, type DecoderName } from '../../core/api/predictions.js';
import { decodeOutputs, fittingDecoders } from '../../core/evaluate/decoders/decode.js';
import { imageGeometry } from '../../core/evaluate/decoders/geometry.js';
import type { DecoderOutputs } from '../../core/evaluate/decoders/tensors.js';

const zeros = (dims: number[], dtype = 'float32') => ({ dims, data: new Float32Array(dims.reduce((a, b) => a * b, 1)), dtype });
const g = imageGeometry({ width: 64, height: 64 }, { width: 64, height: 64 }, 'stretch');

function refusal(name: DecoderName, outputs: DecoderOutputs): LabError {
  try {
    decodeOutputs(DecoderSpecSchema.parse({ name }), outputs, g);
  } catch (e) {
    if (e instanceof LabError) return e;
    throw e;
  }
  throw new Error(`${name} decoded outputs it should have refused`);
}

const layouts: Record<string, DecoderOutputs> = {
  v8: { output0: zeros([1, 84, 8400]) },
  v5: { output: zeros([1, 25200, 85]) },
  end2end: { output0: zeros([1, 300, 6]) },
  yolov7Ort: { output: zeros([0, 7]) },
  trtNms: { num_dets: zeros([1, 1], 'int32'), det_boxes: zeros([1, 100, 4]), det_scores: zeros([1, 100]), det_classes: zeros([1, 100], 'int32') },
  torchvision: { boxes: zeros([0, 4]), labels: zeros([0], 'int64'), scores: zeros([0]) },
  map: { 'sigmoid_0.tmp_0': zeros([1, 1, 32, 32]) },
  logits: { out: zeros([1, 21, 16, 16]) },
};

describe('which decoders fit which outputs', () => {
  it('suggests the decoders whose layout the shapes fit', () => {
    const fit = (o: DecoderOutputs) => fittingDecoders(o).map((f) => f.name);
    expect(fit(layouts.v8!)).toEqual(['yolo-v8']);
    expect(fit(layouts.v5!)).toEqual(['yolo-v5']);
    // [1, 300, 6] could also be a one-class YOLOv5 head with 300 anchors: both are suggested.
    expect(fit(layouts.end2end!)).toEqual(['yolo-v5', 'nms-rows']);
    expect(fit(layouts.yolov7Ort!)).toEqual(['nms-rows']);
    expect(fit(layouts.trtNms!)).toEqual(['efficient-nms']);
    expect(fit(layouts.torchvision!)).toEqual(['torchvision']);
    // A one-channel map is a text map or a saliency map: shapes cannot tell, the user names it.
    expect(fit(layouts.map!)).toEqual(['dbnet', 'saliency']);
    expect(fit(layouts.logits!)).toEqual(['class-logits']);
    // EfficientNMS with room for one detection: four [1, 1]-sized outputs, the count told by its name.
    const one = { det_classes: zeros([1, 1], 'int32'), num_dets: zeros([1, 1], 'int32'), det_boxes: zeros([1, 1, 4]), det_scores: zeros([1, 1]) };
    expect(fit(one)).toEqual(['efficient-nms']);
  });

  it('refuses a decoder that does not fit, naming the outputs seen and the decoders that would', () => {
    const e = refusal('yolo-v5', layouts.v8!);
    expect(e.kind).toBe('input');
    expect(e.message).toBe("The model's outputs (output0 [1, 84, 8400] float32) do not fit decoder yolo-v5: output0 [1, 84, 8400] is not N anchors × (5 + classes) with N > 5 + classes.");
    expect(e.hint).toBe('Decoders that fit these outputs: yolo-v8 ([1, 4+C, N]: cx, cy, w, h, C class scores, one column per anchor (N > 4+C)).');
    expect(e.field).toEqual({ path: 'decoder.name', names: ['yolo-v8'] });
  });

  it('says so when nothing fits, and lists every layout it reads', () => {
    const e = refusal('yolo-v8', { features: zeros([1, 512]), extra: zeros([3]) });
    expect(e.message).toBe("The model's outputs (features [1, 512] float32, extra [3] float32) do not fit decoder yolo-v8: features [1, 512] is not (4 + classes) × N anchors with N > 4 + classes.");
    expect(e.hint).toMatch(/^No decoder fits these outputs\. The layouts read are: yolo-v5 \[1, N, 5\+C\]/);
    expect(e.hint).toContain('efficient-nms four outputs');
  });

  it('refuses each family on the others\' outputs, with a reason of its own', () => {
    const reasons = new Map<string, string>();
    for (const name of ['yolo-v5', 'yolo-v8', 'nms-rows', 'efficient-nms', 'torchvision', 'dbnet', 'saliency', 'class-logits'] as DecoderName[]) {
      for (const [layout, outputs] of Object.entries(layouts)) {
        if (fittingDecoders(outputs).some((f) => f.name === name)) continue;
        const e = refusal(name, outputs);
        expect(e.message).toContain(`do not fit decoder ${name}: `);
        reasons.set(`${name} on ${layout}`, e.message.split(`${name}: `)[1]!);
      }
    }
    expect(reasons.get('efficient-nms on torchvision')).toBe('it reads four outputs (num_dets, boxes, scores, classes), and there are 3.');
    expect(reasons.get('torchvision on trtNms')).toBe('it reads three outputs (boxes, labels, scores), and there are 4.');
    expect(reasons.get('dbnet on logits')).toBe('it reads one output [1, 1, H, W], and there are 0.');
    expect(reasons.get('class-logits on map')).toBe('it reads one output [1, C, H, W] with 2 ≤ C ≤ 255, and there are 0.');
    expect(reasons.get('nms-rows on v8')).toBe('it reads one output whose rows have 6 or 7 columns, and there are 0.');
  });
});
