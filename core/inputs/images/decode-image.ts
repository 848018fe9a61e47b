import type { default as Sharp } from 'sharp';
import { LabError } from '../../api/errors.js';
import type { ImagesInputs } from '../../api/run-spec.js';

export interface RgbImage {
  /** Interleaved R, G, B bytes, row-major. */
  pixels: Uint8Array;
  height: number;
  width: number;
}

export type ResizeSettings = Pick<ImagesInputs, 'resize' | 'padValue'>;

/**
 * Decodes an encoded image (bytes already in memory, so disk reads stay out of a timed preprocess)
 * and resizes it to height × width as 8-bit sRGB without alpha. Bilinear, as OpenCV's and
 * torchvision's defaults are, so accuracy matches what the model was validated with.
 * letterbox keeps the aspect and pads with `padValue`; center-crop scales the shorter side to
 * cover the target and crops the middle.
 */
export async function decodeAndResize(encoded: Uint8Array, file: string, height: number, width: number, r: ResizeSettings): Promise<RgbImage> {
  const sharp = await loadSharp();
  const fit = r.resize === 'stretch' ? 'fill' : r.resize === 'letterbox' ? 'contain' : 'cover';
  try {
    const { data, info } = await sharp(encoded, { failOn: 'error' })
      .rotate() // apply EXIF orientation, as viewers (and most training loaders) do
      .toColourspace('srgb')
      .removeAlpha()
      .resize(width, height, { fit, position: 'centre', kernel: 'linear', background: { r: r.padValue, g: r.padValue, b: r.padValue } })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), height: info.height, width: info.width };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    // sharp's default bound (about 268 megapixels) keeps a small file that claims a huge size from taking the memory.
    const hint = /pixel limit/i.test(reason)
      ? 'The image is larger than 268 megapixels (16384 × 16384): resize it, or remove it from the set.'
      : 'Check that the file is a complete JPEG, PNG, WebP, TIFF, GIF or AVIF image; re-export it or remove it from the set.';
    throw new LabError('input', `Image ${file} cannot be decoded: ${reason}.`, hint, { cause: e });
  }
}

// sharp (libvips, one native package per platform and CPU) loads on the first image, not with the
// runner: a run on synthetic inputs never depends on it, and an installer that lacks this
// machine's @img/sharp-* package fails image runs with this message, not every run. The first
// call is the cold-start frame, whose preprocess is not a sample.
let sharpModule: Promise<typeof Sharp> | undefined;
export function loadSharp(): Promise<typeof Sharp> {
  sharpModule ??= import('sharp').then(
    (m) => m.default,
    (e: unknown) => {
      sharpModule = undefined;
      const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
      throw new LabError(
        'input',
        `Images cannot be decoded here: the sharp image library did not load on ${process.platform}/${process.arch} (${reason}).`,
        `Reinstall edgelab for this platform (\`npm install\` in the checkout, or the installer built for ${process.platform}/${process.arch}); synthetic and test-data inputs still run.`,
        { cause: e },
      );
    },
  );
  return sharpModule;
}
