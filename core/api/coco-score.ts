/**
 * `edgelab eval --annotations GT.json --predictions RESULTS.json`: a COCO results file made elsewhere,
 * scored by the COCOeval port without running a model, and recorded as an imported accuracy run.
 * Plain data only: the answer crosses every transport.
 */
export const COCO_IOU_TYPES = ['bbox', 'segm'] as const;
export type CocoIouType = (typeof COCO_IOU_TYPES)[number];

/** The 12 numbers pycocotools' summarize prints, in its order. */
export const COCO_STAT_NAMES = ['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl'] as const;
export type CocoStatName = (typeof COCO_STAT_NAMES)[number];
export type CocoStats = Record<CocoStatName, number>;

export interface CocoScoreRequest {
  /** The ground truth: a COCO instances JSON file on the lab's machine. */
  annotations: string;
  /** The detections: a COCO results JSON file (an array of {image_id, category_id, score, bbox or segmentation}). */
  predictions: string;
  /** Left out: taken from the results file (segm when its entries carry segmentation, else bbox). */
  iouType?: CocoIouType;
  label?: string;
  tags?: string[];
}

export interface CocoClassScore {
  categoryId: number;
  name: string;
  /** Ground-truth objects that count (not crowd). */
  objects: number;
  detections: number;
  /** AP .50:.95, AP50 and AR100 over all areas; -1 for a class with no counted objects. */
  ap: number;
  ap50: number;
  ar100: number;
}

export interface CocoScoreAnswer {
  runId: string;
  iouType: CocoIouType;
  /** Where the iouType came from: the request, or the results file's entries. */
  iouTypeFrom: 'request' | 'results';
  stats: CocoStats;
  /** In ascending category id order. */
  classes: CocoClassScore[];
  counts: { images: number; annotations: number; detections: number };
  /** The two files, copied beside the record, with their SHA-256. */
  files: { role: string; name: string; sha256: string }[];
  warnings: string[];
  /** The workspace the run was recorded in. */
  workspace: string | null;
}
