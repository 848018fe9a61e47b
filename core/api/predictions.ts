import { z } from 'zod';

/**
 * What a model's outputs mean, and what they decode to. A decoder spec is recorded in the run as the
 * user chose it (with every default filled in), so that an accuracy figure names the thresholds it
 * was computed with; the per-image predictions it yields are plain data (they cross IPC and are kept
 * in the run's side file). Coordinates are in the ORIGINAL image's pixels, after EXIF orientation,
 * x to the right and y down, origin at the top-left corner of the top-left pixel, as the labelled
 * set's (core/api/labelled-set.ts), so a prediction and its ground truth compare without a transform.
 * zod and types only, so the renderer may import it.
 */

export const DECODER_NAMES = [
  /** YOLOv5/v7 raw head `[1, N, 5+C]`: cx, cy, w, h, objectness, C class scores; score = objectness × class. */
  'yolo-v5',
  /** YOLOv8/v11 raw head `[1, 4+C, N]`: cx, cy, w, h, C class scores (no objectness). */
  'yolo-v8',
  /** Rows of detections after NMS in the graph, `[N, 6|7]` or `[1, N, 6|7]`; column order in `columns`. */
  'nms-rows',
  /** TensorRT's EfficientNMS plugin: num_dets `[B,1]`, boxes `[B,K,4]`, scores `[B,K]`, classes `[B,K]`. */
  'efficient-nms',
  /** torchvision detection models exported to ONNX: boxes `[N,4]` x1y1x2y2, labels `[N]`, scores `[N]`. */
  'torchvision',
  /** DBNet text probability map `[1, 1, H, W]` (PaddleOCR det) to quadrilaterals. */
  'dbnet',
  /** One-channel foreground map `[1, 1, H, W]` (ISNet, U²-Net, MODNet): probabilities or logits. */
  'saliency',
  /** Per-class score maps `[1, C, H, W]` (DeepLab, SegFormer): argmax over C. */
  'class-logits',
] as const;
export type DecoderName = (typeof DECODER_NAMES)[number];
export const DecoderNameSchema = z.enum(DECODER_NAMES);

/** What each decoder yields: boxes, a class per pixel, or text quadrilaterals. */
export const DECODER_TASK: Record<DecoderName, PredictionKind> = {
  'yolo-v5': 'detections',
  'yolo-v8': 'detections',
  'nms-rows': 'detections',
  'efficient-nms': 'detections',
  torchvision: 'detections',
  dbnet: 'text',
  saliency: 'mask',
  'class-logits': 'mask',
};

export const NMS_COLUMNS = ['batch', 'x1', 'y1', 'x2', 'y2', 'score', 'class'] as const;
export type NmsColumn = (typeof NMS_COLUMNS)[number];
/**
 * Column orders of `nms-rows` when the spec states none, by row width. 6: ultralytics' end2end
 * export (YOLOv10, YOLO26, `nms=True`) `[1, N, 6]`. 7: YOLOv7's `--end2end --max-wh` export for
 * ONNX Runtime (models/experimental.py ONNX_ORT), `[N, 7]`, which puts the class BEFORE the score.
 */
export const DEFAULT_NMS_COLUMNS: Record<6 | 7, readonly NmsColumn[]> = {
  6: ['x1', 'y1', 'x2', 'y2', 'score', 'class'],
  7: ['batch', 'x1', 'y1', 'x2', 'y2', 'class', 'score'],
};

/**
 * Defaults, and why:
 * - score 0.001: AP integrates precision over recall down to the last detection kept, so a display
 *   threshold such as 0.25 cuts the tail and lowers mAP; ultralytics' `val` (conf=0.001) and the
 *   published COCO figures use 0.001. Pictures use DISPLAY_SCORE_THRESHOLD instead.
 * - NMS IoU 0.7: ultralytics' `val` default for v8/v11, at which their published mAPs are measured
 *   (YOLOv5's val used 0.6: state it when evaluating a v5 model against its paper numbers).
 * - 300 detections: ultralytics' `val` max_det. COCOeval then keeps each image's 100 best per
 *   category (maxDets 100), so keeping 300 never changes COCO's AP, while 100 overall could drop a
 *   crowded image's low-score true positives.
 */
export const DECODER_DEFAULTS = {
  scoreThreshold: 0.001,
  iouThreshold: 0.7,
  maxDetections: 300,
  classAgnostic: false,
  multiLabel: true,
  maskThreshold: 0.5,
} as const;

/** Boxes drawn in pictures: ultralytics' `predict` default. Not used for any metric. */
export const DISPLAY_SCORE_THRESHOLD = 0.25;

/**
 * DBNet post-processing, as PaddleOCR's inference defaults (tools/infer/utility.py, and
 * DistillationDBPostProcess in ppocr/postprocess/db_postprocess.py, which PP-OCRv3/v4 det configs use):
 * pixels above 0.3 are text; a region is kept when its mean probability is at least 0.6; its
 * rectangle is pushed out by area × 1.5 / perimeter. DBPostProcess's own class defaults (0.7, 2.0)
 * are not what the PP-OCR models ship with.
 */
export const TextDecoderSchema = z.strictObject({
  threshold: z.number().gt(0).lt(1).default(0.3),
  boxThreshold: z.number().min(0).max(1).default(0.6),
  unclipRatio: z.number().min(0).max(10).default(1.5),
  maxCandidates: z.number().int().positive().max(100_000).default(1000),
  /** Shorter side, in map pixels, below which a region is dropped (PaddleOCR's min_size). */
  minSize: z.number().min(0).default(3),
});
export type TextDecoderSettings = z.infer<typeof TextDecoderSchema>;

/** Model class names in the model's index order, and the file they came from. */
export const ClassNamesSchema = z.strictObject({
  /** A text file (one name a line) or a data.yaml (`names:`); null when the names were given inline. */
  file: z.string().min(1).nullable(),
  names: z.array(z.string()).min(1).max(100_000),
});
export type ClassNames = z.infer<typeof ClassNamesSchema>;

export const DecoderSpecSchema = z.strictObject({
  name: DecoderNameSchema,
  scoreThreshold: z.number().min(0).max(1).default(DECODER_DEFAULTS.scoreThreshold),
  /** NMS: a box is suppressed by a higher-scoring one of its class that overlaps it by more than this. */
  iouThreshold: z.number().gt(0).max(1).default(DECODER_DEFAULTS.iouThreshold),
  maxDetections: z.number().int().positive().max(100_000).default(DECODER_DEFAULTS.maxDetections),
  /** NMS across classes: one box per object whatever its class (YOLO's `agnostic_nms`). */
  classAgnostic: z.boolean().default(DECODER_DEFAULTS.classAgnostic),
  /**
   * YOLO raw heads: every class above the score threshold is a candidate box, not only the best one,
   * as ultralytics' `val` does (multi_label=True), which its published mAPs include.
   */
  multiLabel: z.boolean().default(DECODER_DEFAULTS.multiLabel),
  /** Left out: class i is named `class i` and the labels must name their categories that way too. */
  classes: ClassNamesSchema.optional(),
  /** saliency: foreground where the probability is above this. */
  maskThreshold: z.number().gt(0).lt(1).default(DECODER_DEFAULTS.maskThreshold),
  /** saliency: `auto` applies a sigmoid when any value lies outside [0, 1], so logits and probabilities both read. */
  activation: z.enum(['auto', 'sigmoid', 'none']).default('auto'),
  /** nms-rows: the meaning of each column; left out, DEFAULT_NMS_COLUMNS by row width. */
  columns: z
    .array(z.enum(NMS_COLUMNS))
    .min(6)
    .max(7)
    .refine((c) => new Set(c).size === c.length, { error: 'names a column twice; each of batch, x1, y1, x2, y2, score, class at most once' })
    .optional(),
  /**
   * The output the decoder reads, where more than one fits (a model with side outputs). Left out,
   * the first that fits in the model's declared output order; the record names the one used.
   */
  output: z.string().min(1).max(256).optional(),
  /** dbnet only. */
  text: TextDecoderSchema.default(TextDecoderSchema.parse({})),
});
/** As recorded: every default filled in. */
export type DecoderSpec = z.infer<typeof DecoderSpecSchema>;
/** As a user may write it. */
export type DecoderSpecInput = z.input<typeof DecoderSpecSchema>;

/** COCO's compressed RLE (the string form of maskApi's rleToString), over the original image. */
export const RleMaskSchema = z.strictObject({
  /** [height, width], as COCO writes it. */
  size: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  counts: z.string(),
});
export type RleMask = z.infer<typeof RleMaskSchema>;

const coordinate = z.number().finite();

export const DetectionSchema = z.strictObject({
  /** [x, y, width, height] in original pixels, clipped to the image, as COCO's results. */
  bbox: z.tuple([coordinate, coordinate, coordinate, coordinate]),
  score: z.number(),
  /** The model's class index (torchvision: its label). */
  classIndex: z.number().int().min(0),
  className: z.string(),
  /** The labels' category of that name, when the decoder was given the labels' categories. */
  categoryId: z.number().int().optional(),
  mask: RleMaskSchema.optional(),
});
export type Detection = z.infer<typeof DetectionSchema>;

export const MaskClassSchema = z.strictObject({
  classIndex: z.number().int().min(0),
  className: z.string(),
  categoryId: z.number().int().optional(),
  /** The pixels of this class; every class with at least one pixel has an entry. */
  rle: RleMaskSchema,
});
export type MaskClass = z.infer<typeof MaskClassSchema>;

export const TextRegionSchema = z.strictObject({
  /** Four corners, clockwise from the top-left one, in original pixels. */
  points: z.array(z.tuple([coordinate, coordinate])).min(3),
  /** Mean text probability inside the region before unclipping (PaddleOCR's box score). */
  score: z.number(),
});
export type TextRegion = z.infer<typeof TextRegionSchema>;

export const PREDICTION_KINDS = ['detections', 'mask', 'text'] as const;
export type PredictionKind = (typeof PREDICTION_KINDS)[number];

export const PredictionSchema = z.discriminatedUnion('kind', [
  /** Sorted by score, highest first. */
  z.strictObject({ kind: z.literal('detections'), detections: z.array(DetectionSchema) }),
  /**
   * A class per pixel over the original image. Pixels in no class's RLE were not seen by the model
   * (outside a center-crop) and count as unpredicted, not as background.
   */
  z.strictObject({ kind: z.literal('mask'), width: z.number().int().positive(), height: z.number().int().positive(), classes: z.array(MaskClassSchema) }),
  z.strictObject({ kind: z.literal('text'), regions: z.array(TextRegionSchema) }),
]);
export type Prediction = z.infer<typeof PredictionSchema>;

export const ImagePredictionsSchema = z.strictObject({
  /** The labelled image's id (labelled-set.ts). */
  imageId: z.number().int(),
  /** Original size, after EXIF orientation. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  prediction: PredictionSchema,
});
export type ImagePredictions = z.infer<typeof ImagePredictionsSchema>;
