import type { RunRecord } from '../api/run-record.js';

/**
 * What an importer read from another tool's files, handed to the lab to record (core/lab/
 * record-streamed-import.ts): the importer knows the tool's formats, the lab knows the workspace,
 * and neither reaches into the other. Each source was parsed as a stream and hashed on the way, so
 * the lab can hold the copy it keeps to the bytes that were read.
 */
export interface StreamedSource {
  role: string;
  path: string;
  given: string;
  /** SHA-256 of the bytes the parser read. */
  sha256: string;
}

export interface StreamedImport {
  tool: string;
  sources: StreamedSource[];
  /** Builds the record once the lab has named the files in the run's folder and given the run its id. */
  build: (files: Array<StreamedSource & { name: string }>, ids: { runId: string; startedAt: string }) => { record: RunRecord; statedHardware: string | null };
}
