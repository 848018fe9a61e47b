import { z } from 'zod';

/**
 * An accuracy pass's images for looking at: each image's ground truth and predictions in original
 * pixels, each marked true positive, false positive or missed at IoU 0.5 with the predictions a
 * picture shows (score at least DISPLAY_SCORE_THRESHOLD), worst image first; and the image bytes,
 * only of images the run's labelled set names. zod and types only, so the renderer may import it.
 */

/** tp: matched; fp: a prediction nothing matches; missed: an object no shown prediction found; ignored: crowd or `###`. */
export const PICTURE_STATUSES = ['tp', 'fp', 'missed', 'ignored'] as const;
export type PictureStatus = (typeof PICTURE_STATUSES)[number];

/** A box: [x, y, w, h] in the original image's pixels; `score` only on predictions. */
export interface PictureBox {
  bbox: [number, number, number, number];
  categoryId: number;
  score?: number;
  status: PictureStatus;
}

/** A text polygon in original pixels. */
export interface PicturePolygon {
  points: [number, number][];
  score?: number;
  status: PictureStatus;
}

/**
 * One class's pixels of a mask pass as COCO compressed RLE strings over the original image
 * (column-major, size [height, width]): predicted and true (tp), predicted only (fp), true only (fn).
 */
export interface PictureMask {
  categoryId: number;
  tp: string;
  fp: string;
  fn: string;
  counts: { tp: number; fp: number; fn: number };
}

/** What the side file keeps of one image, in the order of its `images`. */
export interface StoredPicture {
  width: number;
  height: number;
  /** Detections: truth first, then predictions at or above the display threshold, best score first. */
  boxes?: { truth: PictureBox[]; predicted: PictureBox[] };
  text?: { truth: PicturePolygon[]; predicted: PicturePolygon[] };
  masks?: PictureMask[];
}

/** Precision at COCO's 101 recall points (0, 0.01, …, 1); null where the class has no counted object. */
export interface PrCurve {
  categoryId: number;
  name: string;
  iou50: number[] | null;
  /** The mean over the 10 IoU thresholds 0.50:0.95, point by point. */
  iou50to95: number[] | null;
}

export interface AccuracyImage {
  /** The image's place in the run's set, and its file relative to the set's images folder. */
  index: number;
  file: string;
  width: number;
  height: number;
  /**
   * Worst first: F1 at IoU 0.5 of the shown predictions for boxes, ICDAR hmean for text, the mean
   * IoU of the classes present for masks; 1 for an image with nothing to find and nothing shown.
   */
  score: number;
  counts: { tp: number; fp: number; missed: number };
  boxes: PictureBox[];
  polygons: PicturePolygon[];
  /** Mask passes: the class's pixels as translucent PNG overlays (data URLs): green tp, red fp, orange missed. */
  overlays: Array<{ categoryId: number; dataUrl: string; counts: PictureMask['counts'] }>;
}

export interface AccuracyImagesView {
  runId: string;
  task: 'detections' | 'mask' | 'text';
  set: { name: string; images: number };
  scoreThreshold: number;
  iouThreshold: number;
  /** Per class: AP .50:.95 and AP50 (boxes) or IoU (masks), null where the pass has no such figure. */
  classes: Array<{ categoryId: number; name: string; objects: number | null; ap: number | null; ap50: number | null; iou: number | null }>;
  curves: PrCurve[];
  /** Images that hold the class asked for (all images without a class), and this page of them. */
  total: number;
  offset: number;
  images: AccuracyImage[];
}

export const AccuracyImagesRequestSchema = z.strictObject({
  runId: z.string().min(1).max(128),
  /** Only images with ground truth or a shown prediction of this category, and only its marks. */
  categoryId: z.number().int().optional(),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(100).default(12),
  /** Only these images, in this order (a variant's page shown beside its reference's); ranking and class still apply to their marks. */
  files: z.array(z.string().min(1).max(4096)).max(100).optional(),
});
export type AccuracyImagesRequest = z.input<typeof AccuracyImagesRequestSchema>;

export const AccuracyImageFileRequestSchema = z.strictObject({
  runId: z.string().min(1).max(128),
  /** As the view lists it: relative to the set's images folder. Any other path is refused. */
  file: z.string().min(1).max(4096),
});
export type AccuracyImageFileRequest = z.infer<typeof AccuracyImageFileRequestSchema>;

export interface AccuracyImageFile {
  file: string;
  contentType: string;
  /** The file's bytes, base64. */
  base64: string;
}
