/**
 * What an accuracy pass record keeps under `extras.accuracyPass`: plain data that reports, compare
 * and the app read without the side file, and that targets are judged on.
 */
import type { LabelCounts, LabelFormat, LabelledSet } from '../../api/labelled-set.js';
import type { DecoderSpec, ImagePredictions } from '../../api/predictions.js';
import type { TargetObservations } from '../../targets/index.js';
import type { AccuracyMetric } from '../../targets/target.js';
import type { PassEngine } from './engine-outputs.js';
import type { PassDrop } from './pass-drop.js';
import type { PassMetrics } from './pass-scores.js';

/** Where the reference run's side file is, resolved by the lab from its record. */
export interface ReferencePassFile {
  runId: string;
  file: string;
  sha256: string;
  /** The reference's recorded decoder spec and preprocessing (spec.inputs), to say where this pass's differ. */
  decoder?: unknown;
  inputs?: unknown;
}

export interface AccuracyPassSummary {
  /** Which pass this record is: accuracy only; its latency, if measured, is another run of the same spec. */
  pass: 'accuracy';
  timed: false;
  engine: string;
  executionProvider: string;
  /** `ignoreValue`: class masks' pixel value that counts for nothing (null for other formats), kept so the record says how the masks were read. */
  labels: { name: string; format: LabelFormat; sha256: string; counts: LabelCounts; ignoreValue: number | null; annotations: string; images: string };
  decoder: DecoderSpec;
  predictions: number;
  metrics: PassMetrics;
  /** The side file in the run's folder, named by its SHA-256. */
  perImage: { name: string; sha256: string; bytes: number };
  drop: (Omit<PassDrop, 'method'> & { method: string }) | null;
}

export function accuracyPassSummary(o: { set: LabelledSet; decoder: DecoderSpec; engine: PassEngine; metrics: PassMetrics; perImage: AccuracyPassSummary['perImage']; drop: PassDrop | null; predictions: readonly ImagePredictions[] }): AccuracyPassSummary {
  const count = (p: ImagePredictions) => (p.prediction.kind === 'detections' ? p.prediction.detections.length : p.prediction.kind === 'text' ? p.prediction.regions.length : p.prediction.classes.length);
  return {
    pass: 'accuracy',
    timed: false,
    engine: o.engine.engine,
    executionProvider: o.engine.executionProvider,
    labels: { name: o.set.name, format: o.set.format, sha256: o.set.sha256, counts: o.set.counts, ignoreValue: o.set.ignoreValue, annotations: o.set.source.annotations, images: o.set.source.images },
    decoder: o.decoder,
    predictions: o.predictions.reduce((s, p) => s + count(p), 0),
    metrics: o.metrics,
    perImage: o.perImage,
    drop: o.drop,
  };
}

/** The figures targets are judged on: map, map50, miou, hmean, and the drop of the pass's main one. */
export function passObservations(s: AccuracyPassSummary): TargetObservations {
  const m = s.metrics;
  const values: Partial<Record<AccuracyMetric, number>> =
    m.kind === 'coco' ? { map: m.stats.AP as number, map50: m.stats.AP50 as number } : m.kind === 'masks' ? { miou: m.miou } : { hmean: m.hmean };
  const d = s.drop;
  return {
    accuracy: { images: s.labels.counts.images, set: s.labels.name, values },
    ...(d ? { drops: { [d.metric]: { referenceRun: d.referenceRun, difference: d.difference, low: d.low, high: d.high, resamples: d.resamples, confidence: d.confidence } } } : {}),
  };
}
