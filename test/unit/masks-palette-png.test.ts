/**
 * Palette indices read from indexed-colour PNGs (Pascal VOC's class masks): one encoded here with
 * known indices and every scanline filter, and ones libpng wrote through sharp at 1, 2, 4 and 8 bits,
 * whose indices, looked up in their palette, must give the colours sharp itself decodes.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readPaletteIndices } from '../../core/evaluate/masks/png-palette-indices.js';
import { palettePng } from '../helpers/label-set-files.js';

describe('palette PNG indices', () => {
  it('reads known indices, the VOC border value 255 included, through all five filters', () => {
    const width = 13;
    const height = 10;
    const indices = Array.from({ length: width * height }, (_, i) => ((i * 7) % 5 === 0 ? 255 : (i * 31 + (i >> 3)) % 21));
    const palette = Array.from({ length: 256 }, (_, k) => [k, 255 - k, (k * 3) % 256] as [number, number, number]);
    const read = readPaletteIndices(palettePng(width, height, indices, palette));
    if (typeof read === 'string') throw new Error(read);
    expect([read.width, read.height]).toEqual([width, height]);
    expect([...read.indices]).toEqual(indices);
    expect(read.palette).toEqual(palette);
  });

  it.each([1, 2, 4, 8] as const)('agrees with sharp\'s colours on a %i-bit palette PNG libpng wrote', async (bitdepth) => {
    const width = 37;
    const height = 23;
    const colours = 2 ** bitdepth;
    const rgb = Buffer.alloc(width * height * 3);
    for (let i = 0; i < width * height; i++) {
      const k = (i * 13 + Math.floor(i / width) * 5) % Math.min(colours, 6);
      rgb.set([k * 40, 255 - k * 30, (k * 90) % 256], i * 3);
    }
    const png = await sharp(rgb, { raw: { width, height, channels: 3 } }).png({ palette: true, colours, dither: 0 }).toBuffer();
    expect((await sharp(png).metadata()).isPalette).toBe(true);
    // IHDR's bit depth byte: sharp writes the fewest bits that hold the palette (2 colours: 1 bit).
    expect(png[24]).toBe(bitdepth);
    const read = readPaletteIndices(png);
    if (typeof read === 'string') throw new Error(read);
    const decoded = await sharp(png).removeAlpha().raw().toBuffer();
    const looked = Buffer.alloc(width * height * 3);
    read.indices.forEach((k, i) => looked.set(read.palette[k]!, i * 3));
    expect(looked.equals(decoded)).toBe(true);
  });

  it('says why it cannot read other PNGs', async () => {
    const grey = await sharp(Buffer.alloc(16), { raw: { width: 4, height: 4, channels: 1 } }).png().toBuffer();
    expect(readPaletteIndices(grey)).toBe('it is not an indexed-colour PNG');
    expect(readPaletteIndices(Buffer.from('not a png at all'))).toBe('it is not a PNG');
  });
});
