import { z } from 'zod';

/**
 * A labelled set: the images of an accuracy pass and their ground truth, whatever format the labels
 * came in (COCO instances JSON, YOLO txt, mask PNG folders, ICDAR 2015 text). Every loader yields
 * this, every metric reads it, and it crosses IPC as is: plain data, no class instances, no buffers.
 * Coordinates are in the original image's pixels (after EXIF orientation, as the preprocessing sees
 * the image), x to the right and y down, origin at the top-left corner of the top-left pixel.
 * zod and types only, so the renderer may import it.
 */

export const LABEL_FORMATS = ['coco', 'yolo', 'binary-masks', 'class-masks', 'icdar2015'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];
export const LabelFormatSchema = z.enum(LABEL_FORMATS);

const count = z.number().int().min(0);
const coordinate = z.number().finite();

/** COCO's segmentation, kept as the labels state it: polygons [x0,y0,x1,y1,…] per part, or RLE. */
export const SegmentationSchema = z.union([
  z.array(z.array(coordinate)),
  z.strictObject({
    /** [height, width], as COCO writes it. */
    size: z.tuple([count, count]),
    /** Uncompressed run lengths, or COCO's compressed RLE string. */
    counts: z.union([z.array(count), z.string()]),
  }),
]);
export type Segmentation = z.infer<typeof SegmentationSchema>;

export const LabelledBoxSchema = z.strictObject({
  /** The category's id as the labels state it (COCO: 1–90 with gaps; YOLO: the class index). */
  categoryId: z.number().int(),
  /** [x, y, width, height] in the original image's pixels. */
  bbox: z.tuple([coordinate, coordinate, coordinate, coordinate]),
  /** COCO's crowd region: matched but never counted as a miss or a false positive. */
  iscrowd: z.boolean(),
  /** In square pixels: COCO's stored area (the mask's), else the polygon's, else the box's. It decides small/medium/large. */
  area: z.number().min(0),
  segmentation: SegmentationSchema.optional(),
});
export type LabelledBox = z.infer<typeof LabelledBoxSchema>;

/**
 * A mask PNG of the same size as its image. `binary`: 0 is background (category 0) and 255, or 1
 * in a mask that holds only 0 and 1, is foreground (category 1); other values are refused.
 * `per-class`: each pixel's grey value or palette index is a class index (a category id); the
 * set's `ignoreValue` marks pixels that count for nothing. Read with core/evaluate/masks/mask-pixels.
 */
export const LabelledMaskSchema = z.strictObject({
  file: z.string().min(1),
  kind: z.enum(['binary', 'per-class']),
});
export type LabelledMask = z.infer<typeof LabelledMaskSchema>;

/** One ICDAR text instance: a polygon (a quadrilateral in ICDAR 2015) and its transcription. */
export const LabelledTextSchema = z.strictObject({
  points: z.array(z.tuple([coordinate, coordinate])).min(3),
  text: z.string(),
  /** ICDAR's `###`: unreadable text, neither a hit nor a miss; detections mostly inside it are dropped. */
  dontCare: z.boolean(),
});
export type LabelledText = z.infer<typeof LabelledTextSchema>;

export const LabelledImageSchema = z.strictObject({
  /** COCO's image id; for other formats, the image's position in the sorted file list, from 1. */
  id: z.number().int(),
  /** Absolute path. */
  file: z.string().min(1),
  /** Pixels, as the file decodes after EXIF orientation; read from the header, never by decoding. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The label file this image's truth came from (absolute; COCO: the JSON), or null when none names it: no objects. */
  labelFile: z.string().nullable(),
  boxes: z.array(LabelledBoxSchema),
  masks: z.array(LabelledMaskSchema),
  texts: z.array(LabelledTextSchema),
});
export type LabelledImage = z.infer<typeof LabelledImageSchema>;

export const LabelCategorySchema = z.strictObject({ id: z.number().int(), name: z.string() });
export type LabelCategory = z.infer<typeof LabelCategorySchema>;

export const LabelCountsSchema = z.strictObject({
  images: count,
  /** Images with no objects: no label file names them (YOLO, ICDAR), or no annotation does (COCO). They stay in the set. */
  imagesWithoutLabels: count,
  /** Boxes include crowd regions; `crowd` says how many of them are. */
  boxes: count,
  crowd: count,
  /** Boxes that carry a segmentation (COCO polygons or RLE, YOLO-seg polygons). */
  segmentations: count,
  masks: count,
  /** Text instances include don't-care ones; `dontCare` says how many. */
  texts: count,
  dontCare: count,
  categories: count,
});
export type LabelCounts = z.infer<typeof LabelCountsSchema>;

export const LabelledSetSchema = z.strictObject({
  format: LabelFormatSchema,
  /** The set's name for people: the annotations file or folder name (`instances_val2017.json`, `labels`). */
  name: z.string().min(1),
  /** The paths the set was loaded from, absolute. */
  source: z.strictObject({ annotations: z.string(), images: z.string(), classes: z.string().nullable() }),
  /**
   * SHA-256 over the label files (not the images). COCO: the JSON file's own digest. Folders: the
   * digest of the lines `<sha256 of file>  <path relative to the labels folder>`, sorted by path,
   * each ending in a newline (the classes file included), which is what
   * `(cd LABELS && sha256sum FILES | LC_ALL=C sort -k2 | sha256sum)` prints.
   */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  labelFiles: count,
  categories: z.array(LabelCategorySchema),
  /** per-class masks only: the pixel value that marks "ignore" (255 unless stated); null elsewhere. */
  ignoreValue: z.number().int().min(0).max(255).nullable(),
  images: z.array(LabelledImageSchema),
  counts: LabelCountsSchema,
});
export type LabelledSet = z.infer<typeof LabelledSetSchema>;

/** What `loadLabelledSet` is asked for; the CLI's `--labels`, `--images`, `--classes` map onto it. */
export const LabelledSetRequestSchema = z.strictObject({
  format: LabelFormatSchema,
  /** COCO: the instances JSON; YOLO: the labels folder; masks: the mask folder; ICDAR: the gt_img_N.txt folder. */
  annotations: z.string().min(1),
  images: z.string().min(1),
  /** YOLO: classes.txt or a data.yaml (default: classes.txt beside the labels); class masks: one name a line. */
  classes: z.string().min(1).optional(),
  /** class masks: the pixel value that is ignored (default 255). */
  ignoreValue: z.number().int().min(0).max(255).optional(),
});
export type LabelledSetRequest = z.infer<typeof LabelledSetRequestSchema>;
