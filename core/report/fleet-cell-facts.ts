import type { FleetCell } from '../api/fleet-report.js';
import type { RunRecord } from '../api/run-record.js';
import type { RunSummary } from '../api/run-summary.js';
import { hardwareKindKey, hardwareKindLabel, unitName, unitOf } from '../hardware/hardware-kind.js';

/** What places a run in the fleet matrix, read from its record as stored (hardware is free-form there). */
export type CellFacts = Pick<FleetCell, 'kindKey' | 'kindLabel' | 'unit' | 'model' | 'modelSha256' | 'engine' | 'precision' | 'scenario' | 'powerMode' | 'clocks' | 'joulesPerInference' | 'verdict'>;

export const NOT_STATED = 'not stated';

export function cellFacts(record: RunRecord, summary: RunSummary): CellFacts {
  const hardware = record.hardware ?? null;
  const unit = unitOf(hardware);
  return {
    kindKey: hardwareKindKey(hardware),
    kindLabel: hardwareKindLabel(hardware),
    unit: { id: unit?.id ?? null, label: unit?.label ?? null, source: unit?.source ?? null, name: unitName(unit) },
    model: record.model?.fileName ?? summary.specModel.replaceAll('\\', '/').split('/').pop() ?? summary.specModel,
    modelSha256: record.model?.sha256 ?? null,
    ...engineAndPrecision(record, summary),
    scenario: summary.runKind,
    ...powerState(hardware),
    joulesPerInference: joulesPerInference(record.extras),
    verdict: verdictOf(summary),
  };
}

function engineAndPrecision(record: RunRecord, summary: RunSummary): { engine: string; precision: string } {
  if (record.origin?.kind === 'imported') return { engine: record.origin.tool, precision: NOT_STATED };
  const engine = record.spec.engine;
  if (engine?.kind === 'trtexec') return { engine: `trtexec${engine.dlaCore !== undefined ? ` (DLA ${engine.dlaCore})` : ''}`, precision: engine.precision ?? NOT_STATED };
  return { engine: `ONNX Runtime (${summary.executionProvider ?? 'cpu'})`, precision: 'as the model' };
}

/** nvpmodel's mode and jetson_clocks' state as core/hardware recorded them on a Jetson; "not stated" where the record has none. */
function powerState(hardware: Record<string, unknown> | null): { powerMode: string; clocks: string } {
  const jetson = asObject(hardware?.['jetson']);
  const mode = asObject(jetson?.['powerMode']);
  const clocks = asObject(jetson?.['clocks']);
  const locked = clocks?.['locked'];
  return {
    powerMode: typeof mode?.['name'] === 'string' ? `${mode['name']}${typeof mode['id'] === 'number' ? ` (mode ${mode['id']})` : ''}` : NOT_STATED,
    // A Jetson whose clocks could not be read (jetson_clocks needs root) says unknown, never unlocked.
    clocks: locked === true ? 'locked (jetson_clocks)' : locked === false ? 'not locked' : clocks ? 'unknown' : NOT_STATED,
  };
}

/** Energy per inference from the board's power rails (GPU board power first), only from an available reading. */
function joulesPerInference(extras: Record<string, unknown>): number | null {
  const telemetry = asObject(extras['telemetry']);
  for (const key of ['gpuEnergy', 'energy']) {
    const reading = asObject(telemetry?.[key]);
    const value = asObject(reading?.['value'])?.['joulesPerInference'];
    if (reading?.['available'] === true && typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  }
  return null;
}

/** As the run list judges a run: any failed target or check fails it, then inconclusive, then pass. */
function verdictOf(summary: RunSummary): CellFacts['verdict'] {
  const { pass, fail, inconclusive } = summary.verdicts;
  const check = summary.checkVerdict;
  if (fail > 0 || check === 'fail') return 'fail';
  if (inconclusive > 0) return 'inconclusive';
  return pass > 0 || check === 'pass' ? 'pass' : 'none';
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
