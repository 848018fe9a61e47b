import { LabError } from '../../api/errors.js';
import { DECODER_NAMES, type DecoderName, type DecoderSpec, type Prediction } from '../../api/predictions.js';
import type { ClassMap } from './classes.js';
import type { DecoderFamily } from './context.js';
import { dbnet } from './dbnet.js';
import { efficientNms } from './efficient-nms.js';
import type { ImageGeometry } from './geometry.js';
import { classLogits, saliency } from './masks.js';
import { nmsRows } from './nms-rows.js';
import { torchvisionDetections } from './torchvision.js';
import { describeOutputs, type DecoderOutputs } from './tensors.js';
import { yoloV5, yoloV8 } from './yolo.js';

export const DECODERS: Readonly<Record<DecoderName, DecoderFamily>> = {
  'yolo-v5': yoloV5,
  'yolo-v8': yoloV8,
  'nms-rows': nmsRows,
  'efficient-nms': efficientNms,
  torchvision: torchvisionDetections,
  dbnet,
  saliency,
  'class-logits': classLogits,
};

export interface FittingDecoder {
  name: DecoderName;
  layout: string;
}

/**
 * The decoders whose layout these outputs fit, in DECODER_NAMES order. Shapes alone cannot tell
 * every family apart (a [1, 1, H, W] map is a text map or a saliency map), so this suggests; the
 * user names the decoder, and the run records it.
 */
export function fittingDecoders(outputs: DecoderOutputs): FittingDecoder[] {
  return DECODER_NAMES.filter((n) => 'decode' in DECODERS[n].match(outputs)).map((name) => ({ name, layout: DECODERS[name].layout }));
}

/**
 * Decodes one image's model outputs into predictions in the original image's pixels. `classes`
 * (from mapClasses) adds the labels' category ids; without it, names come from spec.classes.
 * A decoder that does not fit the outputs is refused with the shapes seen and the decoders that fit.
 */
export function decodeOutputs(spec: DecoderSpec, outputs: DecoderOutputs, geometry: ImageGeometry, classes?: ClassMap): Prediction {
  const matched = DECODERS[spec.name].match(outputs, spec);
  if ('reason' in matched) throw decoderMismatch(spec.name, matched.reason, outputs);
  return matched.decode({ spec, geometry, classes });
}

export function decoderMismatch(name: DecoderName, reason: string, outputs: DecoderOutputs): LabError {
  const fits = fittingDecoders(outputs);
  const hint =
    fits.length > 0
      ? `Decoders that fit these outputs: ${fits.map((f) => `${f.name} (${f.layout})`).join('; ')}.`
      : `No decoder fits these outputs. The layouts read are: ${DECODER_NAMES.map((n) => `${n} ${DECODERS[n].layout}`).join('; ')}.`;
  return new LabError('input', `The model's outputs (${describeOutputs(outputs)}) do not fit decoder ${name}: ${reason}.`, hint, { field: { path: 'decoder.name', names: fits.map((f) => f.name) } });
}
