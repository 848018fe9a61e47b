/**
 * Which images of an accuracy pass to show and in what order: each image's marks (of one class when
 * asked), its counts and its score, worst first. Pure, so the lab's answer, the CLI's list and the
 * report's embedded pictures all rank images the same way.
 */
import type { AccuracyImage, PictureStatus, StoredPicture } from '../api/accuracy-images.js';

export type PlannedImage = Omit<AccuracyImage, 'overlays'> & { masks: NonNullable<StoredPicture['masks']> };

function tally(statuses: readonly PictureStatus[], counts: { tp: number; fp: number; missed: number }, truthSide: boolean): void {
  for (const s of statuses) {
    if (s === 'tp') counts.tp += truthSide ? 0 : 1;
    else if (s === 'fp') counts.fp++;
    else if (s === 'missed') counts.missed++;
  }
}

/** F1 of true positives against false ones and misses; 1 when there was nothing to find and nothing shown. */
function f1(c: { tp: number; fp: number; missed: number }): number {
  const d = 2 * c.tp + c.fp + c.missed;
  return d === 0 ? 1 : (2 * c.tp) / d;
}

/** One image's marks, counts and score; null when a class is asked for and the image has none of it. */
export function planImage(p: StoredPicture, index: number, file: string, categoryId?: number): PlannedImage | null {
  const ofClass = <T extends { categoryId: number }>(items: readonly T[]): T[] => (categoryId === undefined ? [...items] : items.filter((i) => i.categoryId === categoryId));
  const counts = { tp: 0, fp: 0, missed: 0 };
  const truth = ofClass(p.boxes?.truth ?? []);
  const predicted = ofClass(p.boxes?.predicted ?? []);
  const masks = ofClass(p.masks ?? []);
  const polygons = [...(p.text?.truth ?? []), ...(p.text?.predicted ?? [])];
  if (categoryId !== undefined && truth.length + predicted.length + masks.length === 0) return null;
  tally(truth.map((b) => b.status), counts, true);
  tally(predicted.map((b) => b.status), counts, false);
  tally((p.text?.truth ?? []).map((t) => t.status), counts, true);
  tally((p.text?.predicted ?? []).map((t) => t.status), counts, false);
  let score = f1(counts);
  if (p.masks) {
    // Pixels, not objects: a class's IoU, averaged over the classes the image holds or was given.
    for (const m of masks) (counts.tp += m.counts.tp), (counts.fp += m.counts.fp), (counts.missed += m.counts.fn);
    score = masks.length === 0 ? 1 : masks.reduce((s, m) => s + m.counts.tp / (m.counts.tp + m.counts.fp + m.counts.fn), 0) / masks.length;
  }
  return { index, file, width: p.width, height: p.height, score, counts, boxes: [...truth, ...predicted], polygons, masks };
}

/** Every image's plan, worst first: lowest score, then most misses and false positives, then set order. */
export function worstFirst(pictures: readonly StoredPicture[], files: readonly string[], categoryId?: number): PlannedImage[] {
  const planned: PlannedImage[] = [];
  pictures.forEach((p, i) => {
    const plan = planImage(p, i, files[i] ?? String(i), categoryId);
    if (plan) planned.push(plan);
  });
  return planned.sort((a, b) => a.score - b.score || b.counts.missed + b.counts.fp - (a.counts.missed + a.counts.fp) || a.index - b.index);
}

/** "2 found, 1 false, 3 missed", the words an alt text and the CLI use. */
export function countsText(c: { tp: number; fp: number; missed: number }, unit: 'objects' | 'pixels' = 'objects'): string {
  const n = (v: number) => v.toLocaleString('en-US');
  return unit === 'pixels' ? `${n(c.tp)} pixels right, ${n(c.fp)} false, ${n(c.missed)} missed` : `${n(c.tp)} found, ${n(c.fp)} false, ${n(c.missed)} missed`;
}

/** The colours of the marks: green found, red false, orange missed, grey ignored. */
export const STATUS_COLOURS: Readonly<Record<PictureStatus, string>> = { tp: '#1a9850', fp: '#d73027', missed: '#f28e2b', ignored: '#999999' };

/** A mark to draw over an image, in its original pixels: a box or a polygon, coloured by status. */
export type OverlayShape =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; status: PictureStatus; colour: string; dashed: boolean; label: string }
  | { kind: 'polygon'; points: string; status: PictureStatus; colour: string; dashed: boolean; label: string };

/**
 * The marks of one image: ground truth dashed (orange when missed), predictions solid (green found,
 * red false), each labelled with its class and score. The app's SVG and the report's draw these.
 */
export function overlayShapes(image: Pick<AccuracyImage, 'boxes' | 'polygons'>, classNames: ReadonlyMap<number, string>): OverlayShape[] {
  const shapes: OverlayShape[] = [];
  for (const b of image.boxes) {
    const truth = b.score === undefined;
    const name = classNames.get(b.categoryId) ?? String(b.categoryId);
    const [x, y, width, height] = b.bbox;
    shapes.push({ kind: 'rect', x, y, width, height, status: b.status, colour: STATUS_COLOURS[b.status], dashed: truth, label: truth ? `${name} (truth, ${b.status})` : `${name} ${(b.score ?? 0).toFixed(2)} (${b.status})` });
  }
  for (const p of image.polygons) {
    const truth = p.score === undefined;
    shapes.push({ kind: 'polygon', points: p.points.map(([x, y]) => `${x},${y}`).join(' '), status: p.status, colour: STATUS_COLOURS[p.status], dashed: truth, label: truth ? `text (truth, ${p.status})` : `text ${(p.score ?? 0).toFixed(2)} (${p.status})` });
  }
  return shapes;
}
