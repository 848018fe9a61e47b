import { DEFAULT_NMS_COLUMNS, type NmsColumn } from '../../api/predictions.js';
import { finishDetections, wholeClass, type DecoderFamily } from './context.js';
import { emptyCandidates, pushCandidate } from './nms.js';
import { squeezeLeading, outputEntries } from './tensors.js';

/**
 * Detections after NMS inside the graph, one row each. Column orders by width unless the spec
 * states them (DEFAULT_NMS_COLUMNS): 6 is ultralytics' end2end export `[1, N, 6]` x1, y1, x2, y2,
 * score, class; 7 is YOLOv7's ONNX Runtime end2end export `[N, 7]` batch, x1, y1, x2, y2, class,
 * score. Boxes are in input pixels. Rows of an ultralytics end2end output beyond the real
 * detections hold score 0, which the score threshold drops.
 */
export const nmsRows: DecoderFamily = {
  name: 'nms-rows',
  layout: '[N, 6|7] or [1, N, 6|7]: one detection a row (6: x1, y1, x2, y2, score, class; 7: batch, x1, y1, x2, y2, class, score)',
  match(outputs, spec) {
    const entries = outputEntries(outputs).filter(([, t]) => {
      const d = squeezeLeading(t.dims, 2);
      return d !== null && (d[1] === 6 || d[1] === 7);
    });
    if (entries.length !== 1) return { reason: `it reads one output whose rows have 6 or 7 columns, and there are ${entries.length}` };
    const [name, t] = entries[0]!;
    const [n, width] = squeezeLeading(t.dims, 2) as [number, 6 | 7];
    const columns = spec?.columns ?? DEFAULT_NMS_COLUMNS[width];
    if (columns.length !== width) return { reason: `${name} has ${width} columns and the spec's columns name ${columns.length}` };
    const at = (c: NmsColumn) => columns.indexOf(c);
    const missing = (['x1', 'y1', 'x2', 'y2', 'score', 'class'] as const).filter((c) => at(c) < 0);
    if (missing.length > 0) return { reason: `the columns stated (${columns.join(', ')}) lack ${missing.join(', ')}` };
    return {
      output: name,
      decode: (ctx) => {
        const c = emptyCandidates();
        const d = t.data;
        const batch = at('batch');
        for (let i = 0; i < n; i++) {
          const r = i * width;
          if (batch >= 0 && d[r + batch] !== 0) continue; // one image per inference: rows of other batch items are not ours
          const score = d[r + at('score')]!;
          if (!(score > ctx.spec.scoreThreshold)) continue;
          const cls = wholeClass(d[r + at('class')]!, `${name} row ${i}, column ${at('class')}`);
          pushCandidate(c, d[r + at('x1')]!, d[r + at('y1')]!, d[r + at('x2')]!, d[r + at('y2')]!, score, cls);
        }
        return finishDetections(c, ctx, false);
      },
    };
  },
};
