/**
 * An accuracy run's worst images in the HTML report: each a downscaled image with its marks drawn
 * over it as inline SVG in the original pixels (green found, red false, orange missed; truth dashed),
 * mask overlays as translucent images, and an alt text that names the counts.
 */
import { countsText, overlayShapes, STATUS_COLOURS } from '../present/accuracy-pictures.js';
import { escapeXml } from './escape.js';
import type { EmbeddedPictures } from './exporter.js';

const SHOWN = 320;

function pictureFigure(im: EmbeddedPictures['images'][number], names: ReadonlyMap<number, string>, pixels: boolean, measure: string): string {
  const scale = Math.min(1, SHOWN / Math.max(im.width, im.height));
  const w = Math.round(im.width * scale);
  const h = Math.round(im.height * scale);
  const stroke = Math.max(1, Math.max(im.width, im.height) / 200);
  const marks = overlayShapes(im, names).map((s) => {
    const common = `fill="none" stroke="${s.colour}" stroke-width="${stroke}"${s.dashed ? ` stroke-dasharray="${stroke * 3} ${stroke * 2}"` : ''} data-status="${s.status}"`;
    const title = `<title>${escapeXml(s.label)}</title>`;
    return s.kind === 'rect' ? `<rect x="${s.x}" y="${s.y}" width="${s.width}" height="${s.height}" ${common}>${title}</rect>` : `<polygon points="${s.points}" ${common}>${title}</polygon>`;
  });
  const overlays = im.overlays.map((o) => `<image href="${o.dataUrl}" x="0" y="0" width="${im.width}" height="${im.height}" preserveAspectRatio="none" data-category="${o.categoryId}"/>`);
  const alt = `${im.file}: ${countsText(im.counts, pixels ? 'pixels' : 'objects')}`;
  return [
    `<figure class="picture">`,
    `<div style="position:relative;width:${w}px;height:${h}px">`,
    `<img src="${im.dataUrl}" width="${w}" height="${h}" alt="${escapeXml(alt)}" style="position:absolute;left:0;top:0">`,
    `<svg viewBox="0 0 ${im.width} ${im.height}" width="${w}" height="${h}" style="position:absolute;left:0;top:0" aria-hidden="true">${overlays.join('')}${marks.join('')}</svg>`,
    `</div>`,
    `<figcaption>${escapeXml(`${im.file}: ${measure} ${im.score.toFixed(3)}; ${countsText(im.counts, pixels ? 'pixels' : 'objects')}`)}</figcaption>`,
    `</figure>`,
  ].join('');
}

export function picturesSection(p: EmbeddedPictures): string {
  if (!p.view) return `<h3>Worst images</h3>\n<p class="note">${escapeXml(p.note ?? '')}</p>`;
  const v = p.view;
  const names = new Map(v.classes.map((c) => [c.categoryId, c.name]));
  const pixels = v.task === 'mask';
  const key = `<span style="color:${STATUS_COLOURS.tp}">green: found</span>, <span style="color:${STATUS_COLOURS.fp}">red: false</span>, <span style="color:${STATUS_COLOURS.missed}">orange: missed</span>`;
  // The caption names the measure the images are ranked by, as the note above them does.
  const measure = pixels ? 'mean IoU' : v.task === 'text' ? 'hmean' : 'F1';
  const how = pixels ? 'by the mean IoU of the classes each holds' : `by ${measure} at IoU ${v.iouThreshold}, predictions scored ${v.scoreThreshold} or more shown`;
  return [
    '<h3>Worst images</h3>',
    `<p class="note">The ${p.images.length} worst of ${v.total} images, ${escapeXml(how)}; ${key}${pixels ? '' : ', ground truth dashed'}. Each is downscaled to at most ${SHOWN} pixels on its longer side.</p>`,
    `<div class="pictures" style="display:flex;flex-wrap:wrap;gap:12px">${p.images.map((im) => pictureFigure(im, names, pixels, measure)).join('\n')}</div>`,
  ].join('\n');
}
