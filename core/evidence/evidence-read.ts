import { LabError, isLabError } from '../api/errors.js';
import { evidenceProblem, notEvidenceError } from './evidence-check.js';
import type { LedgerState } from './evidence-check.js';
import type { EvidenceKind, WorkspaceLayout } from './layout.js';
import { readWorkspaceFile } from './no-follow-file.js';
import { parseRecordText } from './record-file.js';
import type { RecordSchemaInfo } from './record-file.js';

/**
 * The one read path for evidence: reports, compare, the ladder, exports, the server and the app
 * all read records through here. The bytes are read once, checked against their ledger line on an
 * unbroken chain (evidence-check.ts), and only then parsed, so what is checked is what is used.
 */
export async function readEvidence<T extends { id: string }>(layout: WorkspaceLayout, kind: EvidenceKind, id: string, info: RecordSchemaInfo<T>, ledger: () => Promise<LedgerState>): Promise<T> {
  const file = layout.relativeFile(kind, id);
  const path = layout.absolute(file);
  // Never blocks: a FIFO put where a record was is named, not waited on.
  const bytes = await readWorkspaceFile(path).catch((e: unknown) => {
    throw new LabError('input', `Cannot read the ${info.what} file ${path}: ${(e as Error).message}`, 'Check the workspace folder (--workspace DIR or EDGELAB_WORKSPACE) and its permissions.', { cause: e });
  });
  // The ledger is read after the bytes: a record saved meanwhile has its line by then.
  const problem = evidenceProblem(await ledger(), file, bytes);
  let record: T;
  try {
    record = parseRecordText(bytes.toString('utf8'), path, info);
  } catch (e) {
    // Both findings, so the user sees what is wrong with the file and that it is not evidence.
    if (problem && isLabError(e)) throw new LabError('input', `${e.message} It is also not verified evidence: ${problem.reason}.`, e.hint, { cause: e });
    throw e;
  }
  if (problem) throw notEvidenceError(kind, file, layout.dir, problem);
  // The digest describes the file, not the run: callers get the record as it was saved.
  const { contentSha256: _digest, ...fields } = record as T & { contentSha256?: string };
  return fields as unknown as T;
}
