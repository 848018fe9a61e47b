/**
 * The few worst images of an accuracy run for the HTML report: each image downscaled with sharp to
 * at most REPORT_PICTURE_SIZE pixels on its longer side (JPEG, quality 80), its mask overlays to the
 * same size, so a report of any set stays a few hundred kilobytes. An image that cannot be read
 * leaves a note instead of failing the report.
 */
import { loadSharp } from '../inputs/images/decode-image.js';
import type { RunRecord } from '../api/run-record.js';
import { isLabError } from '../api/errors.js';
import type { EmbeddedPictures } from '../report/exporter.js';
import type { Workspace } from '../evidence/index.js';
import { accuracyImagePath, accuracyImages } from './accuracy-images.js';

export const REPORT_PICTURES = 3;
export const REPORT_PICTURE_SIZE = 320;

async function downscaled(input: string | Buffer, format: 'jpeg' | 'png'): Promise<string> {
  const img = (await loadSharp())(input).resize({ width: REPORT_PICTURE_SIZE, height: REPORT_PICTURE_SIZE, fit: 'inside', withoutEnlargement: true, kernel: format === 'png' ? 'nearest' : 'lanczos3' });
  const bytes = format === 'jpeg' ? await img.flatten({ background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer() : await img.png({ palette: true }).toBuffer();
  return `data:image/${format};base64,${bytes.toString('base64')}`;
}

export async function reportPictures(workspace: Workspace, runs: readonly RunRecord[]): Promise<Record<string, EmbeddedPictures>> {
  const out: Record<string, EmbeddedPictures> = {};
  for (const run of runs) {
    if (typeof (run.extras as { accuracyPass?: unknown }).accuracyPass !== 'object') continue;
    try {
      const view = await accuracyImages(workspace, { runId: run.id, limit: REPORT_PICTURES });
      const images = [];
      for (const im of view.images) {
        const found = await accuracyImagePath(workspace, { runId: run.id, file: im.file });
        const overlays = await Promise.all(im.overlays.map(async (o) => ({ ...o, dataUrl: await downscaled(Buffer.from(o.dataUrl.slice(o.dataUrl.indexOf(',') + 1), 'base64'), 'png') })));
        images.push({ ...im, overlays, dataUrl: await downscaled(found.path, 'jpeg') });
      }
      const { images: _page, ...rest } = view;
      out[run.id] = { view: rest, images, note: null };
    } catch (e) {
      if (!isLabError(e)) throw e;
      out[run.id] = { view: null, images: [], note: `Its images are not embedded: ${e.message}` };
    }
  }
  return out;
}
