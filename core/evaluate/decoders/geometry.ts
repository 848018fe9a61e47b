import type { ResizeMode } from '../../api/run-spec.js';

export interface Size {
  width: number;
  height: number;
}

/** One axis of the preprocessing: a point at original coordinate u lands at input u × scale + offset. */
export interface AxisMap {
  scale: number;
  offset: number;
}

/**
 * Where the original image went in the model's input, as sharp (libvips 8.x) resizes it in
 * core/inputs/images/decode-image.ts. Coordinates are continuous (pixel i spans [i, i+1)).
 */
export interface ImageGeometry {
  original: Size;
  input: Size;
  resize: ResizeMode;
  x: AxisMap;
  y: AxisMap;
  /** The input pixels the image covers: inside the letterbox padding; the whole input otherwise. */
  content: { left: number; top: number; width: number; height: number };
}

/**
 * The geometry sharp produces for `resize(width, height, { fit, position: 'centre' })`, from its
 * pipeline.cc and common.cc:
 * - contain (letterbox) and cover (center-crop) take one shrink factor for both axes, the larger
 *   (contain) or the smaller (cover) of original/target; the resized size is rint(original / shrink),
 *   at least 1 pixel, and the image is resampled to exactly that size.
 * - contain embeds it at left = ⌊(target − resized) / 2⌋ (CalculateEmbedPosition, centre);
 *   cover crops from left = ⌊(resized − target + 1) / 2⌋ (CalculateCrop, centre).
 * - fill (stretch) resamples each axis to the target.
 * - when either axis is enlarged, libvips samples half an output pixel late on BOTH axes: content
 *   lands 0.5 input pixels right of and below where a centre-aligned resampler puts it (measured on
 *   libvips 8.18: a stretch of 120×400 to 200×200 shifts the shrunk y axis too); a pure reduction
 *   has no shift.
 * test/unit/decoder-geometry.test.ts checks this against sharp itself on marked images.
 */
export function imageGeometry(original: Size, input: Size, resize: ResizeMode): ImageGeometry {
  if (resize === 'stretch') {
    const up = upsampled(original, input);
    return { original, input, resize, x: axis(original.width, input.width, 0, up), y: axis(original.height, input.height, 0, up), content: { left: 0, top: 0, ...input } };
  }
  const wRatio = original.width / input.width;
  const hRatio = original.height / input.height;
  const shrink = resize === 'letterbox' ? Math.max(wRatio, hRatio) : Math.min(wRatio, hRatio);
  const resized = { width: Math.max(1, Math.round(original.width / shrink)), height: Math.max(1, Math.round(original.height / shrink)) };
  const up = upsampled(original, resized);
  if (resize === 'letterbox') {
    const left = Math.floor((input.width - resized.width) / 2);
    const top = Math.floor((input.height - resized.height) / 2);
    return {
      original,
      input,
      resize,
      x: axis(original.width, resized.width, left, up),
      y: axis(original.height, resized.height, top, up),
      content: { left, top, ...resized },
    };
  }
  const cropLeft = Math.floor((resized.width - input.width + 1) / 2);
  const cropTop = Math.floor((resized.height - input.height + 1) / 2);
  return {
    original,
    input,
    resize,
    x: axis(original.width, resized.width, -cropLeft, up),
    y: axis(original.height, resized.height, -cropTop, up),
    content: { left: 0, top: 0, ...input },
  };
}

/** libvips takes its upsampling path when either axis grows, and that path shifts BOTH axes by half a pixel. */
function upsampled(from: Size, to: Size): boolean {
  return to.width > from.width || to.height > from.height;
}

function axis(from: number, to: number, shift: number, up: boolean): AxisMap {
  return { scale: to / from, offset: shift + (up ? 0.5 : 0) };
}

/** An input-pixel point back in original pixels (not clipped). */
export function toOriginalPoint(g: ImageGeometry, x: number, y: number): [number, number] {
  return [(x - g.x.offset) / g.x.scale, (y - g.y.offset) / g.y.scale];
}

/** An original-pixel point in input pixels. */
export function toInputPoint(g: ImageGeometry, x: number, y: number): [number, number] {
  return [x * g.x.scale + g.x.offset, y * g.y.scale + g.y.offset];
}

/**
 * A box x1, y1, x2, y2 in input pixels as COCO's [x, y, width, height] in original pixels, clipped
 * to the image (ultralytics' scale_boxes clips the same way); null when nothing of it is left.
 */
export function toOriginalBox(g: ImageGeometry, x1: number, y1: number, x2: number, y2: number): [number, number, number, number] | null {
  const [ax, ay] = toOriginalPoint(g, Math.min(x1, x2), Math.min(y1, y2));
  const [bx, by] = toOriginalPoint(g, Math.max(x1, x2), Math.max(y1, y2));
  const left = clamp(ax, g.original.width);
  const top = clamp(ay, g.original.height);
  const right = clamp(bx, g.original.width);
  const bottom = clamp(by, g.original.height);
  if (!(right > left && bottom > top)) return null;
  return [left, top, right - left, bottom - top];
}

function clamp(v: number, max: number): number {
  return v < 0 ? 0 : v > max ? max : v;
}
