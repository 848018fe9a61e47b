import type { OpenvinoImportRequest } from '../api/openvino-import.js';
import { readDeepstreamRun, type DeepstreamImportRequest } from '../engines/deepstream/import-deepstream.js';
import { readOpenvinoRun } from '../engines/openvino/import-openvino.js';
import { readTrtexecRun, type TrtexecImportRequest } from '../engines/trtexec/import-trtexec.js';
import type { Workspace } from '../evidence/index.js';
import type { ImportedRun } from './record-imported-run.js';
import { recordStreamedImport } from './record-streamed-import.js';

/**
 * Runs another tool made, recorded: each engine reads its tool's files and says how they make a
 * record; the lab gives the run its id, copies the files beside the record and saves it. Without
 * a workspace the record is built and returned unsaved.
 */
type Options = { workspace?: Workspace };

export async function importTrtexec(request: TrtexecImportRequest, options: Options = {}): Promise<ImportedRun> {
  return recordStreamedImport(await readTrtexecRun(request), options);
}

export async function importOpenvino(request: OpenvinoImportRequest, options: Options = {}): Promise<ImportedRun> {
  return recordStreamedImport(await readOpenvinoRun(request), options);
}

export async function importDeepstream(request: DeepstreamImportRequest, options: Options = {}): Promise<ImportedRun> {
  return recordStreamedImport(await readDeepstreamRun(request), options);
}
