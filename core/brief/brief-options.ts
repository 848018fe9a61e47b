import type { BriefOption, PriceStatement } from '../api/brief.js';
import { evidenceKind, type RunRecord, type Verdict } from '../api/run-record.js';
import { hardwareKindOfRun, hardwareLabelOfRun } from './hardware-of-run.js';

const TIME_UNITS = new Set(['ms']);
const RATE_METRICS = new Set(['fps', 'pipeline-fps']);

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Top-1 from a classification pass, else COCO AP from a scored results file: the accuracy extras records carry. */
export function accuracyOfRun(run: RunRecord): BriefOption['accuracy'] {
  const top1 = asObject(run.extras['accuracy'])?.['top1'];
  if (typeof top1 === 'number' && top1 >= 0 && top1 <= 1) return { metric: 'top-1 accuracy', value: top1 };
  const ap = asObject(asObject(run.extras['cocoEval'])?.['stats'])?.['AP'];
  if (typeof ap === 'number' && ap >= 0 && ap <= 1) return { metric: 'COCO AP (IoU .50:.95)', value: ap };
  return null;
}

export function joulesPerInference(run: RunRecord): number | null {
  const energy = asObject(asObject(run.extras['telemetry'])?.['energy']);
  if (energy?.['available'] !== true) return null;
  const value = asObject(energy['value'])?.['joulesPerInference'];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * The frame rate one stream needs: a frame-rate target's threshold, else one frame per latency
 * budget (a 33.3 ms bound is a 30 FPS stream). Null when the run set neither.
 */
function verdictsOf(run: RunRecord): Verdict[] {
  return 'verdicts' in run ? run.verdicts : [];
}

function streamFpsOf(run: RunRecord): number | null {
  const rate = verdictsOf(run).find((v) => RATE_METRICS.has(v.metric) && (v.comparator === '>=' || v.comparator === '>'));
  if (rate) return rate.thresholdValue;
  const budget = verdictsOf(run).find((v) => TIME_UNITS.has(v.unit) && (v.comparator === '<=' || v.comparator === '<') && v.metric !== 'coldstart' && v.metric !== 'min');
  // Only a budget a video loop could have (10 to 1000 frames a second) is read as one frame's time.
  return budget && budget.thresholdValue >= 1 && budget.thresholdValue <= 100 ? Math.round(1000 / budget.thresholdValue) : null;
}

function latencyOf(run: RunRecord): BriefOption['latency'] {
  const verdict = verdictsOf(run).find((v) => TIME_UNITS.has(v.unit) && v.metric !== 'coldstart' && v.observedValue !== null);
  if (verdict) return { metric: verdict.metric, valueMs: verdict.observedValue as number, targetMs: verdict.thresholdValue };
  if (run.state === 'completed') return { metric: 'p99', valueMs: run.latencyMs.p99, targetMs: null };
  return null;
}

/** What a run's hardware costs: the stated price of its kind, the streams it carries, and price / streams. */
export interface StreamCost {
  hardwareKind: string | null;
  /** The user's latest statement for the kind; null when none was stated. */
  statement: PriceStatement | null;
  fps: number | null;
  streamFps: number | null;
  /** Whole streams of the target frame rate one device's measured throughput carries. */
  streams: number | null;
  /** Price / streams; null without a price, a stream rate, or a whole stream. */
  costPerStream: number | null;
}

/**
 * The price of the machine a timed run was measured on, looked up by its hardware kind, divided by
 * the streams it carries at the frame rate its targets ask for. The brief and the tradeoff table
 * both cost a run this way.
 */
export function streamCost(run: RunRecord, prices: readonly PriceStatement[]): StreamCost {
  const hardwareKind = hardwareKindOfRun(run);
  const statement = (hardwareKind === null ? undefined : prices.find((p) => p.hardwareKind === hardwareKind)) ?? null;
  const fps = run.state === 'completed' ? run.throughputPerS : null;
  const streamFps = streamFpsOf(run);
  const streams = fps !== null && streamFps !== null ? Math.floor(fps / streamFps + 1e-9) : null;
  const costPerStream = statement !== null && streams !== null && streams > 0 ? statement.amount / streams : null;
  return { hardwareKind, statement, fps, streamFps, streams, costPerStream };
}

/** One option per run, with its price looked up by the hardware kind it was measured on. */
export function briefOption(run: RunRecord, prices: readonly PriceStatement[], merged: { trusted: boolean; signedBy: string | null } | null): BriefOption {
  const mergedUnsigned = merged !== null && !merged.trusted;
  const { hardwareKind, statement, fps, streamFps, streams, costPerStream } = streamCost(run, prices);
  const price = statement ? { amount: statement.amount, currency: statement.currency, date: statement.date } : null;
  const verdicts = verdictsOf(run).map((v) => ({ target: v.target, status: v.status }));
  return {
    runId: run.id,
    name: run.spec.label ?? run.model?.fileName ?? run.spec.model,
    hardwareLabel: hardwareLabelOfRun(run),
    hardwareKind,
    evidence: evidenceKind(run) === 'imported' ? 'imported' : mergedUnsigned ? 'merged-unsigned' : 'measured',
    ...(merged?.trusted && merged.signedBy !== null ? { mergedSignedBy: merged.signedBy } : {}),
    accuracy: accuracyOfRun(run),
    latency: latencyOf(run),
    verdicts,
    p99Ms: run.state === 'completed' ? run.latencyMs.p99 : null,
    passes: run.state === 'completed' && verdicts.length > 0 && verdicts.every((v) => v.status === 'pass'),
    fps,
    streams,
    streamFps,
    joulesPerInference: joulesPerInference(run),
    price,
    costPerStream,
  };
}
