import { LabError } from '../../api/errors.js';
import type { DecoderFamily, DecodeContext } from './context.js';
import { classNames, finishDetections } from './context.js';
import { emptyCandidates, pushCandidate, type Candidates } from './nms.js';
import { squeezeLeading, type DecoderOutputs, type DecoderTensor, outputEntries } from './tensors.js';

/**
 * YOLO raw heads, before NMS. Boxes are centre x, centre y, width, height in the model's input
 * pixels, as ultralytics and YOLOv5 export them (a head exported with normalised 0–1 boxes would
 * land in the top-left pixel: export it with the default head).
 */

function soleOutput(outputs: DecoderOutputs): [string, DecoderTensor] | string {
  const entries = outputEntries(outputs);
  const threeD = entries.filter(([, t]) => squeezeLeading(t.dims, 2) !== null);
  // Segmentation heads add a prototype output ([1, 32, 160, 160]); the detection output is the 3-D one.
  if (threeD.length !== 1) return `it reads one output [1, rows, columns], and there are ${threeD.length}`;
  return threeD[0]!;
}

/** The prototype masks' channel count of a segmentation head (`[1, 32, 160, 160]`), if it has them. */
function prototypes(outputs: DecoderOutputs): number | null {
  const p = outputEntries(outputs).map(([, t]) => t).find((t) => t.dims.length === 4 && t.dims[0] === 1);
  return p ? p.dims[1]! : null;
}

/**
 * How many of the head's per-anchor values after the box are class scores. A segmentation head
 * (yolov8-seg, yolov5-seg) appends one coefficient per prototype mask; with a classes file those are
 * told apart and left aside (masks of segmentation heads are not decoded). Any other disagreement
 * between the head and the classes file is refused, since class indices would be misread.
 */
function classCount(name: string, t: DecoderTensor, available: number, protos: number | null, ctx: DecodeContext): number {
  const names = classNames(ctx);
  if (!names || names.length === available) return available;
  if (names.length < available && protos === available - names.length) return names.length;
  throw new LabError(
    'input',
    `${name} [${t.dims.join(', ')}] holds ${available} values per anchor after the box${protos ? ` (a segmentation head's ${protos} mask coefficients among them)` : ''}, but ${ctx.spec.classes?.file ?? 'the classes given'} names ${names.length} classes.`,
    'Give the classes file the model was trained with: one name a line (or data.yaml names), as many names as the model has classes.',
  );
}

function rows(t: DecoderTensor): [number, number] | null {
  const d = squeezeLeading(t.dims, 2);
  return d ? [d[0]!, d[1]!] : null;
}

/** YOLOv5/v7 `[1, N, 5+C]`: cx, cy, w, h, objectness, class scores; the score is objectness × class. */
export const yoloV5: DecoderFamily = {
  name: 'yolo-v5',
  layout: '[1, N, 5+C]: cx, cy, w, h, objectness, C class scores (N anchors > 5+C)',
  match(outputs) {
    const found = soleOutput(outputs);
    if (typeof found === 'string') return { reason: found };
    const [name, t] = found;
    const d = rows(t);
    if (!d) return { reason: `${name} has rank ${t.dims.length}, not [1, N, 5+C]` };
    const [n, width] = d;
    if (width < 6 || n <= width) return { reason: `${name} [${t.dims.join(', ')}] is not N anchors × (5 + classes) with N > 5 + classes` };
    const protos = prototypes(outputs);
    return { decode: (ctx) => finishDetections(v5Candidates(t.data, n, width, classCount(name, t, width - 5, protos, ctx), ctx), ctx, true), output: name };
  },
};

function v5Candidates(data: ArrayLike<number>, n: number, width: number, classes: number, ctx: DecodeContext): Candidates {
  const { scoreThreshold, multiLabel } = ctx.spec;
  const c = emptyCandidates();
  for (let i = 0; i < n; i++) {
    const row = i * width;
    const objectness = data[row + 4]!;
    if (objectness <= scoreThreshold) continue; // YOLOv5's first cut, on objectness alone
    const cx = data[row]!, cy = data[row + 1]!, hw = data[row + 2]! / 2, hh = data[row + 3]! / 2;
    addClasses(c, cx - hw, cy - hh, cx + hw, cy + hh, classes, (k) => objectness * data[row + 5 + k]!, scoreThreshold, multiLabel);
  }
  return c;
}

/** YOLOv8/v11 `[1, 4+C, N]`: cx, cy, w, h, class scores, one column per anchor; no objectness. */
export const yoloV8: DecoderFamily = {
  name: 'yolo-v8',
  layout: '[1, 4+C, N]: cx, cy, w, h, C class scores, one column per anchor (N > 4+C)',
  match(outputs) {
    const found = soleOutput(outputs);
    if (typeof found === 'string') return { reason: found };
    const [name, t] = found;
    const d = rows(t);
    if (!d) return { reason: `${name} has rank ${t.dims.length}, not [1, 4+C, N]` };
    const [channels, n] = d;
    if (channels < 5 || n <= channels) return { reason: `${name} [${t.dims.join(', ')}] is not (4 + classes) × N anchors with N > 4 + classes` };
    const protos = prototypes(outputs);
    return { decode: (ctx) => finishDetections(v8Candidates(t.data, n, classCount(name, t, channels - 4, protos, ctx), ctx), ctx, true), output: name };
  },
};

function v8Candidates(data: ArrayLike<number>, n: number, classes: number, ctx: DecodeContext): Candidates {
  const { scoreThreshold, multiLabel } = ctx.spec;
  const c = emptyCandidates();
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 4; k < 4 + classes; k++) best = Math.max(best, data[k * n + i]!);
    if (best <= scoreThreshold) continue;
    const cx = data[i]!, cy = data[n + i]!, hw = data[2 * n + i]! / 2, hh = data[3 * n + i]! / 2;
    addClasses(c, cx - hw, cy - hh, cx + hw, cy + hh, classes, (k) => data[(4 + k) * n + i]!, scoreThreshold, multiLabel);
  }
  return c;
}

/** Every class above the threshold (multi-label, as ultralytics' val), or the best one only. */
function addClasses(c: Candidates, x1: number, y1: number, x2: number, y2: number, classes: number, score: (k: number) => number, threshold: number, multiLabel: boolean): void {
  if (multiLabel) {
    for (let k = 0; k < classes; k++) {
      const s = score(k);
      if (s > threshold) pushCandidate(c, x1, y1, x2, y2, s, k);
    }
    return;
  }
  let best = 0;
  for (let k = 1; k < classes; k++) if (score(k) > score(best)) best = k;
  const s = score(best);
  if (s > threshold) pushCandidate(c, x1, y1, x2, y2, s, best);
}
