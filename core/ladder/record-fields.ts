import type { CompletedRun, RunRecord } from '../api/run-record.js';

/**
 * The ladder reads run records through these functions only, so the field names it relies on are
 * listed in one place. Extras are free-form in the record contract; each reader accepts exactly the
 * documented shape and returns null for anything else, which the criteria report as "missing".
 *
 *   hardware.label, hardware.deviceClass, hardware.edgeClass, hardware.fingerprint
 *   extras.pipeline   { imageCount, preprocessMs, inferenceMs, postprocessMs }  (core/bench PipelineStats)
 *   extras.profile    { traceFile, opTypes: [...] , ... }  (core/profile ProfileSummary)
 *   extras.suite      { name, runDate? }
 *   extras.evaluation { sets: [...], passedSets }  (core/evaluate expected outputs)
 *   extras.accuracy   { top1 }  (core/evaluate accuracy)
 */

export function isCompleted(run: RunRecord): run is CompletedRun {
  return run.state === 'completed';
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export interface HardwareFacts {
  label: string | null;
  deviceClass: string | null;
  fingerprint: string | null;
  edgeClass: boolean;
}

export function hardwareFacts(run: RunRecord): HardwareFacts {
  const hw = asObject(run.hardware);
  const deviceClass = nonEmptyString(hw?.['deviceClass']);
  return {
    label: nonEmptyString(hw?.['label']),
    deviceClass,
    fingerprint: nonEmptyString(hw?.['fingerprint']),
    // deviceClass is the authority; edgeClass is the hardware module's own reading of it.
    edgeClass: deviceClass === 'jetson' || deviceClass === 'arm-board',
  };
}

export const PIPELINE_STAGES = ['preprocess', 'infer', 'postprocess'] as const;

export interface PipelineFacts {
  imageCount: number;
  stages: string[];
}

export function pipelineFacts(run: RunRecord): PipelineFacts | null {
  const pipeline = asObject(run.extras['pipeline']);
  if (!pipeline) return null;
  const imageCount = pipeline['imageCount'];
  const stageFields: Record<(typeof PIPELINE_STAGES)[number], string> = { preprocess: 'preprocessMs', infer: 'inferenceMs', postprocess: 'postprocessMs' };
  const stages = PIPELINE_STAGES.filter((stage) => asObject(pipeline[stageFields[stage]]) !== null);
  return { imageCount: typeof imageCount === 'number' && Number.isFinite(imageCount) ? imageCount : 0, stages };
}

export interface ProfileFacts {
  traceFile: string | null;
  opTypeCount: number;
  /** The op type with the largest share of kernel time, when the profile names one. */
  topOpType: string | null;
}

export function profileFacts(run: RunRecord): ProfileFacts | null {
  const profile = asObject(run.extras['profile']);
  if (!profile) return null;
  const opTypes = Array.isArray(profile['opTypes']) ? profile['opTypes'].map(asObject).filter((o) => o !== null) : [];
  const top = [...opTypes].sort((a, b) => Number(b['share'] ?? 0) - Number(a['share'] ?? 0))[0];
  return { traceFile: nonEmptyString(profile['traceFile']), opTypeCount: opTypes.length, topOpType: nonEmptyString(top?.['opType']) };
}

export interface SuiteFacts {
  name: string;
  /** The UTC calendar day the suite ran (runDate when given, else the day the run started). */
  day: string;
}

export function suiteFacts(run: RunRecord): SuiteFacts | null {
  const suite = asObject(run.extras['suite']);
  const name = nonEmptyString(suite?.['name']);
  if (!suite || name === null) return null;
  const runDate = nonEmptyString(suite['runDate']);
  const instant = Date.parse(runDate ?? run.startedAt);
  if (Number.isNaN(instant)) return null;
  return { name, day: new Date(instant).toISOString().slice(0, 10) };
}

export interface EvaluationFacts {
  /** Test-data cases compared with expected outputs; 0 when only accuracy was recorded. */
  cases: number;
  passed: number | null;
  /** Top-1 accuracy, 0..1. */
  top1: number | null;
}

export function evaluationFacts(run: RunRecord): EvaluationFacts | null {
  const evaluation = asObject(run.extras['evaluation']);
  const accuracy = asObject(run.extras['accuracy']);
  const sets = evaluation?.['sets'];
  const cases = Array.isArray(sets) ? sets.length : 0;
  const passed = typeof evaluation?.['passedSets'] === 'number' ? evaluation['passedSets'] : null;
  const top1Value = accuracy?.['top1'];
  const top1 = typeof top1Value === 'number' && top1Value >= 0 && top1Value <= 1 ? top1Value : null;
  if (cases <= 0 && top1 === null) return null;
  return { cases, passed, top1 };
}

/** The batch size the run measured: the leading dim of its first input tensor. */
export function batchSize(run: CompletedRun): number | null {
  return run.inputs.tensors[0]?.shape[0] ?? null;
}

export function modelName(run: RunRecord): string {
  return run.model?.fileName ?? run.spec.model;
}

export function day(instant: string): string {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? instant.slice(0, 10) : new Date(ms).toISOString().slice(0, 10);
}

/**
 * An accuracy pass edgelab ran on a labelled set (not imported), whose targets did not fail: its
 * headline figure (mAP, mIoU or hmean). A failed accuracy check never counts as evidence.
 */
export function accuracyPassFigure(run: RunRecord): string | null {
  if (run.origin !== undefined || run.state !== 'observed' || run.model === null) return null;
  if (run.verdicts.some((v) => v.status === 'fail')) return null;
  const metrics = asObject(asObject(run.extras['accuracyPass'])?.['metrics']);
  const stats = asObject(metrics?.['stats']);
  const value = (v: unknown) => (typeof v === 'number' && v >= 0 && v <= 1 ? v : null);
  if (metrics?.['kind'] === 'coco' && value(stats?.['AP']) !== null) return `mAP ${(value(stats?.['AP']) as number).toFixed(3)}`;
  if (metrics?.['kind'] === 'masks' && value(metrics['miou']) !== null) return `mIoU ${(value(metrics['miou']) as number).toFixed(3)}`;
  if (metrics?.['kind'] === 'text' && value(metrics['hmean']) !== null) return `hmean ${(value(metrics['hmean']) as number).toFixed(3)}`;
  return null;
}
