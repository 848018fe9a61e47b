import type { DeepstreamImportRequest as DeepstreamImportFile } from '../../api/imports.js';
import { LabError } from '../../api/errors.js';
import type { StreamedImport } from '../../files/streamed-import.js';
import { parseTargets } from '../../targets/index.js';
import { readDeepstreamLog } from './deepstream-log.js';
import { deepstreamRecord } from './deepstream-record.js';

/**
 * `edgelab import deepstream LOG`: a deepstream-app or deepstream-test run's console output, recorded
 * as imported evidence. edgelab builds no pipelines; it reads what one printed, as a stream (a log
 * with latency measurement on runs to hundreds of MB), and keeps the log beside the record.
 */
export interface DeepstreamImportRequest extends DeepstreamImportFile {
  tags?: string[];
  targets?: string[];
}

/** What the log states, and how it makes the record; core/lab records it (core/lab/import-tool-runs.ts). */
export async function readDeepstreamRun(request: DeepstreamImportRequest): Promise<StreamedImport> {
  if (request.log.trim() === '') {
    throw new LabError('usage', 'edgelab import deepstream: no log given.', 'Give the console output of deepstream-app: edgelab import deepstream run.log');
  }
  // A malformed target is refused before a large log is read.
  parseTargets(request.targets ?? []);
  const file = { path: request.log, given: 'LOG' };
  const log = await readDeepstreamLog(file);
  return {
    tool: 'deepstream',
    sources: [{ ...file, role: 'log', sha256: log.file.sha256 }],
    build: (_files, ids) => ({
      record: deepstreamRecord({
        log,
        logName: request.log,
        ...(request.label ? { label: request.label } : {}),
        tags: request.tags ?? [],
        targets: request.targets ?? [],
      }, ids),
      statedHardware: request.statedHardware?.trim() || null,
    }),
  };
}
