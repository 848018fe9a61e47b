import type { RunRecord } from '../api/run-record.js';

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

const fraction = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 ? v : null);

/** What the tradeoff reads from an accuracy pass record's `extras.accuracyPass` (core/evaluate/pass/pass-summary.ts). */
export interface PassFacts {
  metric: string;
  value: number;
  engine: string;
  executionProvider: string;
  labels: { name: string; sha256: string };
  drop: { referenceRun: string; difference: number; low: number; high: number; confidence: number; resamples: number } | null;
}

/** The pass's main metric (mAP IoU .50:.95, mIoU or hmean) and where it ran; null for any other record. */
export function passFacts(run: RunRecord): PassFacts | null {
  if (run.state !== 'observed' || run.model === null || run.origin !== undefined) return null;
  const pass = asObject(run.extras['accuracyPass']);
  const metrics = asObject(pass?.['metrics']);
  const labels = asObject(pass?.['labels']);
  if (!pass || !metrics || typeof labels?.['sha256'] !== 'string' || typeof labels['name'] !== 'string') return null;
  const main =
    metrics['kind'] === 'coco' ? { metric: 'mAP', value: fraction(asObject(metrics['stats'])?.['AP']) }
    : metrics['kind'] === 'masks' ? { metric: 'mIoU', value: fraction(metrics['miou']) }
    : metrics['kind'] === 'text' ? { metric: 'hmean', value: fraction(metrics['hmean']) }
    : null;
  if (main === null || main.value === null) return null;
  const d = asObject(pass['drop']);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const drop = d && typeof d['referenceRun'] === 'string' && num(d['difference']) !== null && num(d['low']) !== null && num(d['high']) !== null
    ? { referenceRun: d['referenceRun'], difference: num(d['difference']) as number, low: num(d['low']) as number, high: num(d['high']) as number, confidence: num(d['confidence']) ?? 0.95, resamples: num(d['resamples']) ?? 0 }
    : null;
  return {
    metric: main.metric,
    value: main.value,
    engine: typeof pass['engine'] === 'string' ? pass['engine'] : 'onnxruntime',
    executionProvider: typeof pass['executionProvider'] === 'string' ? pass['executionProvider'] : 'cpu',
    labels: { name: labels['name'], sha256: labels['sha256'] },
    drop,
  };
}

/** The user's family tag (`--tag family:NAME`) on a run, if any. */
export function familyTag(run: RunRecord | null): string | null {
  const tag = run?.spec.tags.find((t) => t.startsWith('family:') && t.length > 'family:'.length);
  return tag ? tag.slice('family:'.length) : null;
}

/** The precision the engine ran at: a trtexec build's flag, else the model file's own types. */
export function precisionOf(run: RunRecord): string {
  const engine = asObject(run.spec.engine);
  if (engine?.['kind'] === 'trtexec') return typeof engine['precision'] === 'string' ? engine['precision'] : 'fp32';
  return 'as the model file';
}
