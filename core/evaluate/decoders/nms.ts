/**
 * Candidate boxes in the model's input pixels, before or after NMS: parallel arrays so that a
 * YOLO head's thousands of candidates cost no object each.
 */
export interface Candidates {
  x1: number[];
  y1: number[];
  x2: number[];
  y2: number[];
  score: number[];
  classIndex: number[];
}

export function emptyCandidates(): Candidates {
  return { x1: [], y1: [], x2: [], y2: [], score: [], classIndex: [] };
}

export function pushCandidate(c: Candidates, x1: number, y1: number, x2: number, y2: number, score: number, classIndex: number): void {
  c.x1.push(x1);
  c.y1.push(y1);
  c.x2.push(x2);
  c.y2.push(y2);
  c.score.push(score);
  c.classIndex.push(classIndex);
}

export interface NmsOptions {
  iouThreshold: number;
  maxDetections: number;
  /** Suppress across classes, not only within one. */
  classAgnostic: boolean;
}

/** Intersection over union of two x1y1x2y2 boxes, areas without torchvision's old "+1". */
export function iouXyxy(c: Candidates, a: number, b: number): number {
  const w = Math.min(c.x2[a]!, c.x2[b]!) - Math.max(c.x1[a]!, c.x1[b]!);
  if (w <= 0) return 0;
  const h = Math.min(c.y2[a]!, c.y2[b]!) - Math.max(c.y1[a]!, c.y1[b]!);
  if (h <= 0) return 0;
  const inter = w * h;
  const union = (c.x2[a]! - c.x1[a]!) * (c.y2[a]! - c.y1[a]!) + (c.x2[b]! - c.x1[b]!) * (c.y2[b]! - c.y1[b]!) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Indices by score, highest first, at most `limit` of them; equal scores keep their order, as a
 * stable sort does. Past the limit, the limit-th highest score is found by a native numeric sort
 * first, so that only the candidates that can make it are sorted with a comparator.
 */
export function byScore(c: Candidates, limit = Infinity): number[] {
  const scores = Float64Array.from(c.score);
  let order: number[];
  if (scores.length > limit) {
    const cut = Float64Array.from(scores).sort()[scores.length - limit]!;
    order = [];
    for (let i = 0; i < scores.length; i++) if (scores[i]! > cut) order.push(i);
    for (let i = 0; i < scores.length && order.length < limit; i++) if (scores[i] === cut) order.push(i);
  } else order = Array.from(scores, (_, i) => i);
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order.length > limit ? order.slice(0, limit) : order;
}

/**
 * Candidates NMS looks at, the highest-scoring first: ultralytics' max_nms. A head of random or
 * untrained weights puts every anchor and class above a 0.001 threshold; this bounds its cost
 * without touching a trained model, whose candidates number in the thousands.
 */
export const MAX_NMS_CANDIDATES = 30_000;

/**
 * Greedy NMS as torchvision.ops.batched_nms computes it: in score order, a box is kept unless a box
 * already kept (of its class, unless class-agnostic) overlaps it by MORE than the threshold. It stops
 * at maxDetections kept, which gives the same boxes as cutting the full result. Returns indices,
 * highest score first.
 */
export function nms(c: Candidates, o: NmsOptions): number[] {
  const keptByClass = new Map<number, number[]>();
  const kept: number[] = [];
  for (const i of byScore(c, MAX_NMS_CANDIDATES)) {
    if (kept.length >= o.maxDetections) break;
    const group = o.classAgnostic ? -1 : c.classIndex[i]!;
    let rivals = keptByClass.get(group);
    if (!rivals) keptByClass.set(group, (rivals = []));
    if (rivals.some((k) => iouXyxy(c, k, i) > o.iouThreshold)) continue;
    rivals.push(i);
    kept.push(i);
  }
  return kept;
}
