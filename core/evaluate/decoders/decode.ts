import { LabError } from '../../api/errors.js';
import { DECODER_NAMES, type DecoderName, type DecoderSpec, type Prediction } from '../../api/predictions.js';
import type { ClassMap } from './classes.js';
import type { DecoderFamily, DecoderMatch } from './context.js';
import { dbnet } from './dbnet.js';
import { efficientNms } from './efficient-nms.js';
import type { ImageGeometry } from './geometry.js';
import { classLogits, saliency } from './masks.js';
import { nmsRows } from './nms-rows.js';
import { torchvisionDetections } from './torchvision.js';
import { describeOutputs, outputEntries, withoutOutputs, type DecoderOutputs } from './tensors.js';
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
  return matchDecoder(spec, outputs).decode({ spec, geometry, classes });
}

/** Families that read several outputs, each by its role: `decoder.output` names one, so it does not apply. */
const READS_SEVERAL: ReadonlySet<DecoderName> = new Set(['efficient-nms', 'torchvision']);

/**
 * The decoding these outputs get, and the output it reads: spec.output where the user named it,
 * else the first that fits in the model's declared output order.
 */
export function matchDecoder(spec: DecoderSpec, outputs: DecoderOutputs): DecoderMatch {
  const matched = DECODERS[spec.name].match(spec.output === undefined ? outputs : namedOutput(spec, spec.output, outputs), spec);
  if ('reason' in matched) throw decoderMismatch(spec.name, matched.reason, outputs);
  return matched;
}

function namedOutput(spec: DecoderSpec, output: string, outputs: DecoderOutputs): DecoderOutputs {
  const field = { field: { path: 'decoder.output', names: outputEntries(outputs).map(([n]) => n) } };
  if (READS_SEVERAL.has(spec.name)) {
    throw new LabError('usage', `--output ${output}: decoder ${spec.name} reads several outputs, each by its role, so one cannot be named.`, 'Leave --output out with this decoder.', field);
  }
  const chosen = Object.hasOwn(outputs, output) ? outputs[output] : undefined;
  if (!chosen) throw new LabError('input', `The model has no output '${output}'; its outputs are ${describeOutputs(outputs)}.`, 'Name one of them with --output NAME.', field);
  // The others of its rank are what it would be confused with; a YOLO segmentation head's prototypes (another rank) stay.
  return withoutOutputs(outputs, (name, t) => name !== output && t.dims.length === chosen.dims.length);
}

export function decoderMismatch(name: DecoderName, reason: string, outputs: DecoderOutputs): LabError {
  const fits = fittingDecoders(outputs);
  const hint =
    fits.length > 0
      ? `Decoders that fit these outputs: ${fits.map((f) => `${f.name} (${f.layout})`).join('; ')}.`
      : `No decoder fits these outputs. The layouts read are: ${DECODER_NAMES.map((n) => `${n} ${DECODERS[n].layout}`).join('; ')}.`;
  const several = outputEntries(outputs).length > 1 ? ' Where several outputs fit, name the one to read with --output NAME.' : '';
  return new LabError('input', `The model's outputs (${describeOutputs(outputs)}) do not fit decoder ${name}: ${reason}.`, hint + several, { field: { path: 'decoder.name', names: fits.map((f) => f.name) } });
}
