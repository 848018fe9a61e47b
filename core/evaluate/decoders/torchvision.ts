import { finishDetections, wholeClass, type DecoderFamily } from './context.js';
import { splitClassesScores } from './efficient-nms.js';
import { emptyCandidates, pushCandidate } from './nms.js';
import { squeezeLeading, outputEntries } from './tensors.js';

/**
 * torchvision's detection models (Faster R-CNN, RetinaNet, SSD, FCOS) exported to ONNX: boxes
 * [N, 4] x1, y1, x2, y2 in input pixels, labels [N] (int64), scores [N], NMS already applied. Their
 * labels index torchvision's 91-entry COCO list (`__background__` at 0, `N/A` for unused ids), so a
 * label is COCO's category id only by that list: the classes file maps it by name like any other.
 */
export const torchvisionDetections: DecoderFamily = {
  name: 'torchvision',
  layout: 'three outputs: boxes [N, 4] x1, y1, x2, y2, labels [N], scores [N]',
  match(outputs) {
    const entries = outputEntries(outputs);
    if (entries.length !== 3) return { reason: `it reads three outputs (boxes, labels, scores), and there are ${entries.length}` };
    const boxes = entries.filter(([, t]) => squeezeLeading(t.dims, 2)?.[1] === 4);
    if (boxes.length !== 1) return { reason: 'no single output is [N, 4] boxes' };
    const n = squeezeLeading(boxes[0]![1].dims, 2)![0]!;
    const perBox = entries.filter(([, t]) => squeezeLeading(t.dims, 1)?.[0] === n && t !== boxes[0]![1]);
    if (perBox.length !== 2) return { reason: `it needs two [${n}] outputs (labels and scores) beside the [${n}, 4] boxes` };
    const split = splitClassesScores(perBox[0]!, perBox[1]!);
    if (!split) return { reason: `${perBox[0]![0]} and ${perBox[1]![0]} cannot be told apart as labels and scores` };
    const b = boxes[0]![1].data;
    return {
      decode: (ctx) => {
        const c = emptyCandidates();
        for (let i = 0; i < n; i++) {
          const label = wholeClass(split.classes[1].data[i]!, `${split.classes[0]}[${i}]`);
          pushCandidate(c, b[4 * i]!, b[4 * i + 1]!, b[4 * i + 2]!, b[4 * i + 3]!, split.scores[1].data[i]!, label);
        }
        return finishDetections(c, ctx, false);
      },
    };
  },
};
