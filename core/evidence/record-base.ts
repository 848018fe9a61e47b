import type { ModelInfo } from '../api/model-info.js';
import { RUN_RECORD_SCHEMA_VERSION } from '../api/run-record.js';
import type { RunSpec } from '../api/run-spec.js';
import { softwareVersions } from './software.js';

/** The model as a record names it: enough to tell two files apart and to find the one measured. */
export function modelFingerprint(info: ModelInfo) {
  return {
    path: info.path,
    fileName: info.fileName,
    sha256: info.sha256,
    sizeBytes: info.sizeBytes,
    producer: [info.producerName, info.producerVersion].filter(Boolean).join(' '),
    opsets: info.opsets,
  };
}

/** The fields every run record starts with, whatever measured it; hardware is added when it is kept. */
export function recordBase(runId: string, startedAt: string, spec: RunSpec, info: ModelInfo, onnxruntime: string) {
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION as typeof RUN_RECORD_SCHEMA_VERSION,
    id: runId,
    startedAt,
    spec,
    model: modelFingerprint(info),
    software: softwareVersions(onnxruntime),
    hardware: null,
    extras: {} as Record<string, unknown>,
  };
}

/** `extras.memory`: resident memory around session creation and the peak sampled during the run. */
export function memoryExtras(rssBeforeLoadBytes: number, rssAfterSessionBytes: number, peakRssBytes: number) {
  return {
    rssBeforeLoadBytes,
    rssAfterSessionBytes,
    peakRssBytes,
    // The process's own high-water mark covers its whole life (Node, earlier work): for reference.
    maxRssLifetimeBytes: process.resourceUsage().maxRSS * 1024,
    peakRssMethod: 'sampled at 10 Hz from session creation to the end of the timed run',
  };
}
