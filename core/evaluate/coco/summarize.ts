/**
 * COCOeval.summarize for bbox and segm: the 12 numbers pycocotools prints, each the mean of the
 * precision (or recall) entries of one setting that are not -1, and per category the same means.
 */
import type { Accumulated } from './accumulate.js';
import { numpyMean, type AreaRange, type EvalParams } from './params.js';

export const STAT_NAMES = ['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl'] as const;
export type StatName = (typeof STAT_NAMES)[number];

interface Setting {
  ap: boolean;
  iouThr: number | null;
  area: AreaRange['label'];
  /** Index into maxDets. */
  maxDet: number;
}

/** pycocotools' _summarizeDets, in its order. */
const SETTINGS: Setting[] = [
  { ap: true, iouThr: null, area: 'all', maxDet: 2 },
  { ap: true, iouThr: 0.5, area: 'all', maxDet: 2 },
  { ap: true, iouThr: 0.75, area: 'all', maxDet: 2 },
  { ap: true, iouThr: null, area: 'small', maxDet: 2 },
  { ap: true, iouThr: null, area: 'medium', maxDet: 2 },
  { ap: true, iouThr: null, area: 'large', maxDet: 2 },
  { ap: false, iouThr: null, area: 'all', maxDet: 0 },
  { ap: false, iouThr: null, area: 'all', maxDet: 1 },
  { ap: false, iouThr: null, area: 'all', maxDet: 2 },
  { ap: false, iouThr: null, area: 'small', maxDet: 2 },
  { ap: false, iouThr: null, area: 'medium', maxDet: 2 },
  { ap: false, iouThr: null, area: 'large', maxDet: 2 },
];

/**
 * The mean over the kept entries, in numpy's C order (threshold, recall point, category), or -1
 * when every entry is -1. `categories` limits it to some categories (per-class AP).
 */
export function summarizeSetting(acc: Accumulated, p: EvalParams, s: Setting, categories?: readonly number[]): number {
  const { T, R, K, A, M } = acc.counts;
  // np.where(iouThr == iouThrs): an exact comparison, as in pycocotools.
  const ts = s.iouThr === null ? [...Array(T).keys()] : [...Array(T).keys()].filter((t) => p.iouThrs[t] === s.iouThr);
  const a = p.areaRanges.findIndex((r) => r.label === s.area);
  const m = s.maxDet;
  const ks = categories ?? [...Array(K).keys()];
  const kept: number[] = [];
  for (const t of ts) {
    if (s.ap) {
      for (let r = 0; r < R; r++) {
        for (const k of ks) {
          const v = acc.precision[(((t * R + r) * K + k) * A + a) * M + m] as number;
          if (v > -1) kept.push(v);
        }
      }
    } else {
      for (const k of ks) {
        const v = acc.recall[((t * K + k) * A + a) * M + m] as number;
        if (v > -1) kept.push(v);
      }
    }
  }
  return kept.length === 0 ? -1 : numpyMean(kept);
}

export function summarize(acc: Accumulated, p: EvalParams, categories?: readonly number[]): Record<StatName, number> {
  const out = {} as Record<StatName, number>;
  SETTINGS.forEach((s, i) => (out[STAT_NAMES[i] as StatName] = summarizeSetting(acc, p, s, categories)));
  return out;
}
