import { readdir } from 'node:fs/promises';
import type { WorkspaceLayout } from '../layout.js';
import { idOfRecordFileName, isRecordFileName } from '../layout.js';
import { readWorkspaceFile } from '../no-follow-file.js';
import { parseRecordText, sha256Hex } from '../record-file.js';
import { MERGE_RECORD_INFO } from '../record-schemas.js';
import type { MergeRecord } from './merge-record.js';
import type { CheckedBundle } from './read-bundle.js';

/** What a merge does with one run of a bundle. */
export interface PlannedRun {
  id: string;
  sha256: string;
  /** `add`: new here; `present`: the same bytes are here already; `rename`: another run holds its id. */
  action: 'add' | 'present' | 'rename';
  /** The id it is (or will be) kept under here. */
  storedAs: string;
}

/**
 * Same id and same bytes is the same run, kept once. Same id and other bytes is another run that
 * happened to get the id (two machines in the same second, or a record rebuilt elsewhere): it is
 * kept under `<id>-<first 8 hex of the bundle's head>`, so merging that bundle again finds it there.
 */
export async function planMerge(layout: WorkspaceLayout, bundle: CheckedBundle): Promise<PlannedRun[]> {
  const suffix = bundle.manifest.head.entryHash.slice(0, 8);
  const plan: PlannedRun[] = [];
  for (const run of bundle.manifest.runs) {
    const here = await shaOf(layout, run.id);
    if (here === null) plan.push({ id: run.id, sha256: run.sha256, action: 'add', storedAs: run.id });
    else if (here === run.sha256) plan.push({ id: run.id, sha256: run.sha256, action: 'present', storedAs: run.id });
    else {
      const storedAs = `${run.id}-${suffix}`;
      plan.push({ id: run.id, sha256: run.sha256, action: (await shaOf(layout, storedAs)) === null ? 'rename' : 'present', storedAs });
    }
  }
  return plan;
}

async function shaOf(layout: WorkspaceLayout, id: string): Promise<string | null> {
  const bytes = await readWorkspaceFile(layout.recordPath('run', id)).catch(() => null);
  return bytes === null ? null : sha256Hex(bytes);
}

/** The merge records in the workspace that parse; a damaged one is for `runs verify` to name, not for a listing to fail on. */
export async function readMergeRecords(layout: WorkspaceLayout): Promise<Array<{ record: MergeRecord; sha256: string }>> {
  const names = await readdir(layout.mergesDir).catch(() => [] as string[]);
  const records: Array<{ record: MergeRecord; sha256: string }> = [];
  for (const name of names.filter((n) => isRecordFileName(n)).sort()) {
    const path = layout.recordPath('merge', idOfRecordFileName(name));
    const bytes = await readWorkspaceFile(path).catch(() => null);
    if (bytes === null) continue;
    try {
      records.push({ record: parseRecordText(bytes.toString('utf8'), path, MERGE_RECORD_INFO), sha256: sha256Hex(bytes) });
    } catch {
      // Named by verify as invalid.
    }
  }
  return records;
}
