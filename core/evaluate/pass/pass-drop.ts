/**
 * The drop of a pass against a reference pass: both runs' per-image results on the same images,
 * resampled together (a paired bootstrap), each resample re-accumulated from the cached results.
 * Runs on different images, or on differently labelled ones, are refused with the difference named:
 * a drop between different sets measures the sets, not the deployment.
 */
import { LabError } from '../../api/errors.js';
import type { LabelCategory } from '../../api/labelled-set.js';
import type { AccuracyMetric } from '../../targets/target.js';
import { ApScratch, prepareAp, weightedAp } from '../drop/coco-reaccumulate.js';
import { weightedHmean, weightedMiou } from '../drop/count-metrics.js';
import { pairedBootstrap, type BootstrapOptions, type PairedDrop, type WeightedMetric } from '../drop/paired-bootstrap.js';
import type { PerImageResults } from './per-image-file.js';

export interface PassDrop extends PairedDrop {
  metric: AccuracyMetric;
  referenceRun: string;
}

function sameImages(variant: PerImageResults, reference: PerImageResults, referenceRun: string): void {
  const refuse = (what: string) => {
    throw new LabError('input', `Run ${referenceRun} cannot be the reference: ${what}.`, 'Give as --reference an accuracy pass over the same labelled set (same labels, same images), e.g. the FP32 model on CPU.');
  };
  if (variant.task !== reference.task) refuse(`it scored ${reference.task}, this pass scores ${variant.task}`);
  if (variant.set.sha256 !== reference.set.sha256) refuse(`its labels ${reference.set.name} (SHA-256 ${reference.set.sha256.slice(0, 12)}…) are not this pass's ${variant.set.name} (${variant.set.sha256.slice(0, 12)}…)`);
  if (variant.images.length !== reference.images.length) refuse(`it ran on ${reference.images.length} images, this pass on ${variant.images.length}`);
  variant.images.forEach((im, i) => {
    const r = reference.images[i];
    if (!r || r.id !== im.id || r.file !== im.file) refuse(`image ${i + 1} is ${r ? `${r.file} (id ${r.id})` : 'missing'} there and ${im.file} (id ${im.id}) here`);
  });
}

function metricOf(results: PerImageResults, categories: readonly LabelCategory[]): { metric: AccuracyMetric; score: WeightedMetric } {
  if (results.coco) {
    const prepared = prepareAp(results.coco, { iouThr: null });
    const scratch = new ApScratch();
    return { metric: 'map', score: (w) => weightedAp(prepared, w, scratch) };
  }
  if (results.masks) {
    const masks = results.masks;
    return { metric: 'miou', score: (w) => weightedMiou(masks, categories, w) };
  }
  if (results.text) {
    const text = results.text;
    return { metric: 'hmean', score: (w) => weightedHmean(text, w) };
  }
  throw new LabError('input', 'The per-image results hold no matches or counts to compare.');
}

export function passDrop(variant: PerImageResults, reference: PerImageResults, referenceRun: string, categories: readonly LabelCategory[], options: BootstrapOptions): PassDrop {
  sameImages(variant, reference, referenceRun);
  const v = metricOf(variant, categories);
  const r = metricOf(reference, categories);
  return { ...pairedBootstrap(variant.images.length, r.score, v.score, options), metric: v.metric, referenceRun };
}
