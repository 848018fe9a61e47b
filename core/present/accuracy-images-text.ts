/**
 * `edgelab runs show RUN --worst N`: an accuracy run's worst images as a table a terminal user can
 * read, each with what was found, false and missed, so what the model missed is seen without the app.
 */
import type { AccuracyImagesView } from '../api/accuracy-images.js';
import { column, textTable } from './table.js';

function percent(v: number): string {
  return `${(v * 100).toFixed(1)} %`;
}

export function worstImagesText(view: AccuracyImagesView, className?: string): string {
  const pixels = view.task === 'mask';
  const scoreName = view.task === 'detections' ? 'F1' : view.task === 'text' ? 'hmean' : 'IoU';
  const which = className ? ` holding ${className}` : '';
  const head = `Worst ${view.images.length} of ${view.total} image${view.total === 1 ? '' : 's'}${which} of run ${view.runId} (${view.set.name}), ` +
    (pixels ? 'by the mean IoU of the classes each holds' : `by ${scoreName} at IoU ${view.iouThreshold}, predictions scored ${view.scoreThreshold} or more`) + ':';
  if (view.images.length === 0) return `${head}\n  (none)\n`;
  const names = new Map(view.classes.map((c) => [c.categoryId, c.name]));
  const rows = view.images.map((im) => {
    const missed = im.boxes.filter((b) => b.status === 'missed').map((b) => names.get(b.categoryId) ?? String(b.categoryId));
    const byName = [...new Set(missed)].map((n) => `${missed.filter((m) => m === n).length} ${n}`).join(', ');
    return [im.file, percent(im.score), String(im.counts.tp), String(im.counts.fp), String(im.counts.missed), byName];
  });
  const unit = pixels ? ' px' : '';
  const columns = [column('image'), column(scoreName, 'right'), column(`found${unit}`, 'right'), column(`false${unit}`, 'right'), column(`missed${unit}`, 'right')];
  if (view.task === 'detections') columns.push(column('missed objects'));
  return `${head}\n${textTable({ columns, rows: rows.map((r) => r.slice(0, columns.length)) }, '  ')}\n`;
}
