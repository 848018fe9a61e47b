import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImagesInputsSchema } from '../../core/api/run-spec.js';
import { fromFloat16Bits } from '../../core/inputs/float16.js';
import { decodeAndResize } from '../../core/inputs/images/decode-image.js';
import { pixelsToTensor } from '../../core/inputs/images/pixels-to-tensor.js';

// A 2×2 image: red, green / blue, (10, 20, 30).
const raw = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
const png = async () => new Uint8Array(await sharp(raw, { raw: { width: 2, height: 2, channels: 3 } }).png().toBuffer());
const spec = (over: object) => ImagesInputsSchema.parse({ kind: 'images', paths: ['x.png'], ...over });

describe('image pixels become exact tensor values', () => {
  it('decodes a PNG at its own size to the same RGB bytes', async () => {
    const img = await decodeAndResize(await png(), 'x.png', 2, 2, spec({}));
    expect([...img.pixels]).toEqual([...raw]);
  });

  it('NCHW RGB uint8 is planar in R, G, B order', async () => {
    const img = await decodeAndResize(await png(), 'x.png', 2, 2, spec({}));
    const t = pixelsToTensor(img.pixels, 2, 2, spec({ dtype: 'uint8', layout: 'nchw' }));
    expect([...t]).toEqual([255, 0, 0, 10, 0, 255, 0, 20, 0, 0, 255, 30]);
  });

  it('NHWC BGR uint8 is interleaved with blue first', async () => {
    const t = pixelsToTensor(raw, 2, 2, spec({ dtype: 'uint8', layout: 'nhwc', channelOrder: 'bgr' }));
    expect([...t]).toEqual([0, 0, 255, 0, 255, 0, 255, 0, 0, 30, 20, 10]);
  });

  it('float32 applies scale, then mean and std per output channel', () => {
    const t = pixelsToTensor(raw, 2, 2, spec({ layout: 'nchw', scale: 1 / 255, mean: [0.5, 0.25, 0], std: [0.5, 0.25, 2] }));
    const f = (p: number, m: number, s: number) => Math.fround((p / 255 - m) / s);
    expect([...t]).toEqual([
      f(255, 0.5, 0.5), f(0, 0.5, 0.5), f(0, 0.5, 0.5), f(10, 0.5, 0.5),
      f(0, 0.25, 0.25), f(255, 0.25, 0.25), f(0, 0.25, 0.25), f(20, 0.25, 0.25),
      f(0, 0, 2), f(0, 0, 2), f(255, 0, 2), f(30, 0, 2),
    ]);
  });

  it('float16 holds the same normalised values as half-precision bits', () => {
    const t = pixelsToTensor(raw, 2, 2, spec({ dtype: 'float16', layout: 'nhwc', scale: 1, mean: [0, 0, 0], std: [1, 1, 1] }));
    expect([...t].map(fromFloat16Bits)).toEqual([...raw]);
  });

  it('letterbox pads with the pad value and stretch fills', async () => {
    const wide = new Uint8Array(await sharp({ create: { width: 4, height: 2, channels: 3, background: { r: 200, g: 100, b: 50 } } }).png().toBuffer());
    const boxed = await decodeAndResize(wide, 'wide.png', 4, 4, spec({ resize: 'letterbox', padValue: 7 }));
    const row = (y: number) => [...boxed.pixels.slice(y * 12, y * 12 + 3)];
    expect(row(0)).toEqual([7, 7, 7]);
    expect(row(1)).toEqual([200, 100, 50]);
    expect(row(2)).toEqual([200, 100, 50]);
    expect(row(3)).toEqual([7, 7, 7]);
    const stretched = await decodeAndResize(wide, 'wide.png', 4, 4, spec({ resize: 'stretch' }));
    expect(new Set(stretched.pixels)).toEqual(new Set([200, 100, 50]));
  });

  it('center-crop keeps the middle of the longer side', async () => {
    // 6×2: left two columns black, middle two white, right two black → crop 2×2 is all white.
    const px = new Uint8Array(6 * 2 * 3);
    for (let y = 0; y < 2; y++) for (const x of [2, 3]) px.fill(255, (y * 6 + x) * 3, (y * 6 + x) * 3 + 3);
    const img = new Uint8Array(await sharp(px, { raw: { width: 6, height: 2, channels: 3 } }).png().toBuffer());
    const cropped = await decodeAndResize(img, 'c.png', 2, 2, spec({ resize: 'center-crop' }));
    expect([...cropped.pixels]).toEqual(new Array(12).fill(255));
  });
});
