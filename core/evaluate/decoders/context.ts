import { LabError } from '../../api/errors.js';
import type { DecoderName, DecoderSpec, Detection, Prediction } from '../../api/predictions.js';
import type { ClassMap } from './classes.js';
import { toOriginalBox, type ImageGeometry } from './geometry.js';
import { byScore, nms, type Candidates } from './nms.js';
import type { DecoderOutputs } from './tensors.js';

export interface DecodeContext {
  spec: DecoderSpec;
  geometry: ImageGeometry;
  /** Model class names mapped to the labels' categories; undefined: names from spec.classes, no ids. */
  classes: ClassMap | undefined;
}

/**
 * One decoder family: `match` checks the outputs' shapes and returns the decoding to run, or the
 * reason it does not fit (which the mismatch error and fittingDecoders show).
 */
export interface DecoderFamily {
  name: DecoderName;
  /** The layout it reads, for messages and the README. */
  layout: string;
  /** `output`: the one output a single-output family reads, which the record names. */
  match(outputs: DecoderOutputs, spec?: DecoderSpec): DecoderMatch | { reason: string };
}

export interface DecoderMatch {
  decode: (ctx: DecodeContext) => Prediction;
  output?: string;
}

export function classNames(ctx: DecodeContext): readonly string[] | undefined {
  return ctx.classes?.names ?? ctx.spec.classes?.names;
}

/**
 * Candidates in input pixels to detections in original pixels, highest score first: NMS when the
 * model did not run it; otherwise the score threshold (a score must exceed it, as in ultralytics)
 * and the cap, since post-NMS outputs may hold more, or lower-scoring, boxes than the spec asks for.
 */
export function finishDetections(c: Candidates, ctx: DecodeContext, runNms: boolean): Prediction {
  const { spec } = ctx;
  const order = runNms
    ? nms(c, { iouThreshold: spec.iouThreshold, maxDetections: spec.maxDetections, classAgnostic: spec.classAgnostic })
    : byScore(c).filter((i) => c.score[i]! > spec.scoreThreshold).slice(0, spec.maxDetections);
  const names = classNames(ctx);
  const detections: Detection[] = [];
  for (const i of order) {
    const bbox = toOriginalBox(ctx.geometry, c.x1[i]!, c.y1[i]!, c.x2[i]!, c.y2[i]!);
    if (!bbox) continue;
    const classIndex = c.classIndex[i]!;
    if (names && classIndex >= names.length) {
      throw new LabError(
        'input',
        `The model predicted class ${classIndex}, but ${ctx.spec.classes?.file ?? 'the classes given'} names ${names.length} classes (0–${names.length - 1}).`,
        'Give the classes file the model was trained with: one name a line, in class index order.',
      );
    }
    const categoryId = ctx.classes?.categoryIds[classIndex];
    detections.push({
      bbox,
      score: c.score[i]!,
      classIndex,
      className: names?.[classIndex] ?? `class ${classIndex}`,
      ...(categoryId !== undefined && categoryId !== null ? { categoryId } : {}),
    });
  }
  return { kind: 'detections', detections };
}

/** A class index read from a float column: it must be a whole number, or the columns are not what the layout says. */
export function wholeClass(v: number, where: string): number {
  if (!Number.isInteger(v) || v < 0) {
    throw new LabError('input', `${where} holds ${v} where a class index belongs.`, 'The columns are likely in another order: state them with the decoder\'s columns setting (e.g. x1,y1,x2,y2,score,class).');
  }
  return v;
}
