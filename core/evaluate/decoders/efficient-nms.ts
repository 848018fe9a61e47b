import { finishDetections, wholeClass, type DecoderFamily } from './context.js';
import { emptyCandidates, pushCandidate } from './nms.js';
import { isIntegerType, squeezeLeading, type DecoderOutputs, type DecoderTensor, outputEntries } from './tensors.js';

type Named = [string, DecoderTensor];

/**
 * Of two same-shaped outputs, which holds classes and which scores: the integer one holds classes;
 * failing dtypes (trtexec's JSON may not say), the names (`class`/`label` vs `score`/`conf`).
 */
export function splitClassesScores(a: Named, b: Named): { classes: Named; scores: Named } | null {
  const ai = isIntegerType(a[1].dtype), bi = isIntegerType(b[1].dtype);
  if (ai !== bi) return ai ? { classes: a, scores: b } : { classes: b, scores: a };
  const isClass = (n: string) => /class|label|cls/i.test(n);
  const isScore = (n: string) => /score|conf|prob/i.test(n);
  if (isClass(a[0]) && isScore(b[0])) return { classes: a, scores: b };
  if (isClass(b[0]) && isScore(a[0])) return { classes: b, scores: a };
  return null;
}

/**
 * TensorRT's EfficientNMS_TRT plugin (and the ONNX graphs exported for it: YOLOv7 --end2end,
 * ultralytics' TensorRT NMS export, NVIDIA's efficientdet): num_dets [B, 1], det_boxes [B, K, 4]
 * x1, y1, x2, y2 (corners whatever the input's box_coding, as TensorRT's plugin README states),
 * det_scores [B, K], det_classes [B, K]. Boxes are read in input pixels, as the YOLO exports feed
 * them; a graph that normalised them to 0–1 before the plugin (EfficientDet) is not read.
 * Names vary between exporters, so the four are matched by shape and dtype, then by name.
 */
export const efficientNms: DecoderFamily = {
  name: 'efficient-nms',
  layout: 'four outputs: num_dets [1, 1], boxes [1, K, 4] x1, y1, x2, y2, scores [1, K], classes [1, K]',
  match(outputs) {
    const found = findParts(outputs);
    if (typeof found === 'string') return { reason: found };
    const { count, boxes, scores, classes, k } = found;
    return {
      decode: (ctx) => {
        const n = Math.min(k, Math.max(0, Math.trunc(count[1].data[0] ?? 0)));
        const c = emptyCandidates();
        for (let i = 0; i < n; i++) {
          const b = boxes[1].data;
          const cls = wholeClass(classes[1].data[i]!, `${classes[0]}[${i}]`);
          pushCandidate(c, b[4 * i]!, b[4 * i + 1]!, b[4 * i + 2]!, b[4 * i + 3]!, scores[1].data[i]!, cls);
        }
        return finishDetections(c, ctx, false);
      },
    };
  },
};

function findParts(outputs: DecoderOutputs): { count: Named; boxes: Named; scores: Named; classes: Named; k: number } | string {
  const entries = outputEntries(outputs);
  if (entries.length !== 4) return `it reads four outputs (num_dets, boxes, scores, classes), and there are ${entries.length}`;
  const boxes = entries.filter(([, t]) => squeezeLeading(t.dims, 2)?.[1] === 4 && t.dims.length === 3);
  if (boxes.length !== 1) return 'no single output is [1, K, 4] boxes';
  const k = boxes[0]![1].dims[1]!;
  // With K = 1 the scores and classes are [1, 1] too: then the count is the one named as a count.
  let count = entries.filter(([, t]) => t.dims.reduce((a, b) => a * b, 1) === 1);
  if (count.length > 1) count = count.filter(([name]) => /num|count/i.test(name));
  if (count.length !== 1) return 'no single output is a [1, 1] detection count';
  const perBox = entries.filter(([name, t]) => name !== count[0]![0] && t.dims.length === 2 && t.dims[0] === 1 && t.dims[1] === k);
  if (perBox.length !== 2) return `it needs two [1, ${k}] outputs (scores and classes) beside the [1, ${k}, 4] boxes`;
  const split = splitClassesScores(perBox[0]!, perBox[1]!);
  if (!split) return `${perBox[0]![0]} and ${perBox[1]![0]} cannot be told apart as scores and classes (same dtype, no class/score in their names)`;
  return { count: count[0]!, boxes: boxes[0]!, k, ...split };
}
