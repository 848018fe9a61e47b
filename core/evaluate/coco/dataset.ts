/**
 * COCO instances JSON (the ground truth) read into the shape the evaluation needs, checked field by
 * field so that a bad file is refused with the field named instead of scoring wrong numbers.
 */
import { LabError } from '../../api/errors.js';
import type { Box } from './iou.js';

export interface CocoImage {
  id: number;
  width: number | null;
  height: number | null;
}

export interface CocoCategory {
  id: number;
  name: string;
}

/** One annotation: a ground-truth object, or (in results) a detection with its score. */
export interface CocoObject {
  id: number;
  imageId: number;
  categoryId: number;
  area: number;
  iscrowd: boolean;
  bbox: Box;
  /** Polygons, uncompressed or compressed RLE, as in the file; read only for segm evaluation. */
  segmentation: unknown;
  score: number;
  /** Where it came from, for messages: "annotations[12]" or "results[3]". */
  where: string;
}

export interface CocoGroundTruth {
  source: string;
  images: CocoImage[];
  categories: CocoCategory[];
  annotations: CocoObject[];
}

export function refuse(source: string, what: string, hint = 'Check the file against the COCO format (cocodataset.org/#format-data).'): never {
  throw new LabError('input', `${source}: ${what}`, hint);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function finite(source: string, where: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) refuse(source, `${where} is ${JSON.stringify(v) ?? 'missing'}, not a finite number`);
  return v;
}

export function readBox(source: string, where: string, v: unknown): Box {
  if (!Array.isArray(v) || v.length !== 4) refuse(source, `${where} must be [x, y, width, height], not ${JSON.stringify(v) ?? 'missing'}`);
  return v.map((x, i) => finite(source, `${where}[${i}]`, x));
}

function arrayField(source: string, json: Record<string, unknown>, key: string): unknown[] {
  const v = json[key];
  if (!Array.isArray(v)) refuse(source, `"${key}" must be an array; this is not a COCO instances file`);
  return v;
}

function uniqueIds<T extends { id: number }>(source: string, list: T[], field: string): Map<number, T> {
  const byId = new Map<number, T>();
  for (const [i, item] of list.entries()) {
    if (byId.has(item.id)) refuse(source, `${field}[${i}].id ${item.id} appears twice; ids must be unique`);
    byId.set(item.id, item);
  }
  return byId;
}

export function readGroundTruth(json: unknown, source: string): CocoGroundTruth {
  if (!isRecord(json)) refuse(source, 'the ground truth must be a JSON object with images, annotations and categories');
  const images = arrayField(source, json, 'images').map((v, i): CocoImage => {
    if (!isRecord(v)) refuse(source, `images[${i}] is not an object`);
    const size = (key: string) => (v[key] === undefined ? null : finite(source, `images[${i}].${key}`, v[key]));
    return { id: finite(source, `images[${i}].id`, v.id), width: size('width'), height: size('height') };
  });
  const categories = arrayField(source, json, 'categories').map((v, i): CocoCategory => {
    if (!isRecord(v)) refuse(source, `categories[${i}] is not an object`);
    return { id: finite(source, `categories[${i}].id`, v.id), name: typeof v.name === 'string' ? v.name : String(v.id) };
  });
  const imageIds = uniqueIds(source, images, 'images');
  const categoryIds = uniqueIds(source, categories, 'categories');
  const annotations = arrayField(source, json, 'annotations').map((v, i): CocoObject => {
    const where = `annotations[${i}]`;
    if (!isRecord(v)) refuse(source, `${where} is not an object`);
    const imageId = finite(source, `${where}.image_id`, v.image_id);
    if (!imageIds.has(imageId)) refuse(source, `${where}.image_id ${imageId} is not among the file's images`);
    const categoryId = finite(source, `${where}.category_id`, v.category_id);
    if (!categoryIds.has(categoryId)) refuse(source, `${where}.category_id ${categoryId} is not among the file's categories`);
    return {
      id: finite(source, `${where}.id`, v.id),
      imageId,
      categoryId,
      // The object's size class (small, medium, large) comes from this stored area, not from the mask.
      area: finite(source, `${where}.area`, v.area),
      iscrowd: v.iscrowd === undefined ? false : Boolean(finite(source, `${where}.iscrowd`, v.iscrowd)),
      bbox: readBox(source, `${where}.bbox`, v.bbox),
      segmentation: v.segmentation,
      score: 1,
      where,
    };
  });
  uniqueIds(source, annotations, 'annotations');
  if (images.length === 0) refuse(source, 'the file has no images; there is nothing to evaluate');
  if (categories.length === 0) refuse(source, 'the file has no categories; there is nothing to evaluate');
  return { source, images, categories, annotations };
}
