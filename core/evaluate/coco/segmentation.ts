/**
 * An annotation's segmentation to one RLE mask, as pycocotools' COCO.annToRLE does: polygons are
 * rasterised at the image's size and the parts of one object merged; uncompressed RLE keeps its own
 * size; a compressed RLE string is decoded.
 */
import { finite, isRecord, refuse, type CocoImage, type CocoObject } from './dataset.js';
import { rleFromBbox, rleFromPolygon } from './polygon.js';
import { rle, rleMerge, type Rle } from './rle.js';
import { rleFromString } from './rle-string.js';

function imageSize(source: string, image: CocoImage, where: string): [number, number] {
  if (image.height === null || image.width === null) {
    refuse(source, `${where} is a polygon, so image ${image.id} needs its height and width to rasterise it`);
  }
  return [image.height, image.width];
}

function rleSize(source: string, where: string, size: unknown): [number, number] {
  if (!Array.isArray(size) || size.length !== 2) refuse(source, `${where}.size must be [height, width], not ${JSON.stringify(size) ?? 'missing'}`);
  return [finite(source, `${where}.size[0]`, size[0]), finite(source, `${where}.size[1]`, size[1])];
}

export function segmentationToRle(source: string, object: CocoObject, image: CocoImage): Rle {
  const where = `${object.where}.segmentation`;
  const segm = object.segmentation;
  if (Array.isArray(segm)) {
    const parts = segm.map((p, i) => {
      if (!Array.isArray(p)) refuse(source, `${where}[${i}] must be a polygon [x0, y0, x1, y1, ...]`);
      return p.map((x, j) => finite(source, `${where}[${i}][${j}]`, x));
    });
    if (parts.length === 0) refuse(source, `${where} is an empty list of polygons`);
    const [h, w] = imageSize(source, image, where);
    // pycocotools reads a first part of exactly 4 numbers as a list of boxes, not polygons.
    if (parts[0]?.length === 4) {
      return rleMerge(parts.map((b, i) => (b.length === 4 ? rleFromBbox(b, h, w) : refuse(source, `${where}[${i}] must be a box [x, y, w, h] like the first part`))));
    }
    if ((parts[0]?.length ?? 0) < 4) refuse(source, `${where}[0] has ${parts[0]?.length ?? 0} numbers; a polygon needs at least 3 points`);
    return rleMerge(parts.map((p) => rleFromPolygon(p, h, w)));
  }
  if (isRecord(segm)) {
    const [h, w] = rleSize(source, where, segm.size);
    if (Array.isArray(segm.counts)) return rle(h, w, segm.counts.map((c, i) => finite(source, `${where}.counts[${i}]`, c)));
    if (typeof segm.counts === 'string') {
      try {
        return rleFromString(segm.counts, h, w, `${where}.counts`);
      } catch (e) {
        refuse(source, (e as Error).message);
      }
    }
    refuse(source, `${where}.counts must be a list of run lengths or a compressed RLE string`);
  }
  refuse(source, `${where} is ${JSON.stringify(segm) ?? 'missing'}; segm evaluation needs polygons or RLE`);
}
