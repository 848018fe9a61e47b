import sharp from 'sharp';
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
    throw new LabError('input', `Image ${file} cannot be decoded: ${reason}.`, 'Check that the file is a complete JPEG, PNG, WebP, TIFF, GIF or AVIF image; re-export it or remove it from the set.', { cause: e });
  }
}
