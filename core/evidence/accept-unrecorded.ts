import { readFile } from 'node:fs/promises';
import { LabError } from '../api/errors.js';
import type { WorkspaceLayout } from './layout.js';
import type { MachineState } from './machine-state.js';
import { checkContentDigest, sha256Hex } from './record-file.js';
import { withFileLock, type FileLockOptions } from './file-lock.js';
import type { LedgerEntry } from './ledger.js';
import { RecordWriter } from './record-writer.js';
import { verifyWorkspace, type VerifyFinding, type VerifyReport } from './verify.js';

/**
 * Which unrecorded records `runs verify --accept-unrecorded` may add to the ledger: only leftovers
 * of this machine's own writes. Every save notes, outside the workspace and before the record is
 * renamed into place, the file and its SHA-256 (machine-state.ts); a record a crash left without
 * its ledger line is named there with exactly its bytes. A record made by hand, even with a
 * recomputed contentSha256, is named nowhere and stays out.
 */
export async function judgeUnrecorded(
  layout: WorkspaceLayout,
  report: VerifyReport,
  machine: MachineState,
): Promise<{ accept: VerifyFinding[]; skipped: VerifyFinding[] }> {
  // Accepting into a broken, deleted or shortened ledger would launder whatever replaced it.
  if (report.chainProblem) {
    throw new LabError(
      'input',
      `Nothing was accepted into the ledger of ${layout.dir}: ${report.chainProblem}.`,
      'Restore ledger.jsonl and ledger.head from version control first; records are accepted only onto an intact ledger.',
    );
  }
  const intents = await machine.intents();
  const invalid = new Set(report.invalid.map((f) => f.file));
  const accept: VerifyFinding[] = [];
  const skipped: VerifyFinding[] = [];
  for (const finding of report.unrecorded) {
    if (invalid.has(finding.file)) {
      skipped.push({ ...finding, detail: `fails validation (${report.invalid.find((f) => f.file === finding.file)?.detail ?? 'invalid'})` });
      continue;
    }
    const bytes = await readFile(layout.absolute(finding.file));
    const digest = checkContentDigest(bytes);
    if (digest !== 'matches') {
      skipped.push({
        ...finding,
        detail:
          digest === 'absent'
            ? 'carries no digest of its own: made by hand or copied from elsewhere, not left by a crash'
            : 'its own digest does not match its content: edited after edgelab wrote it',
      });
      continue;
    }
    const sha256 = sha256Hex(bytes);
    if (!intents.some((i) => i.file === finding.file && i.sha256 === sha256)) {
      skipped.push({
        ...finding,
        detail:
          machine.unavailable !== null
            ? `this machine keeps no record of its writes (${machine.unavailable}), so nothing shows edgelab wrote it here`
            : 'no edgelab on this machine began writing it (its write log names no such file with these bytes): made by hand or copied in, not left by a crash here',
      });
      continue;
    }
    accept.push(finding);
  }
  return { accept, skipped };
}

/**
 * Adds a ledger line for each unrecorded record that this machine began writing (its write log
 * names the file with these bytes) and that passes validation: the repair after a crash between
 * writing a record and its ledger line. Everything else is named and left for a person to judge.
 */
export async function recordUnrecorded(layout: WorkspaceLayout, machine: MachineState, lockOptions: FileLockOptions): Promise<{ recorded: VerifyFinding[]; skipped: VerifyFinding[] }> {
  const writer = new RecordWriter(layout, machine, lockOptions);
  return withFileLock(
    layout.lockPath,
    async () => {
      const report = await verifyWorkspace(layout, { machine });
      const { accept, skipped } = await judgeUnrecorded(layout, report, machine);
      let last: LedgerEntry | null = null;
      for (const finding of accept) last = await writer.appendLedgerLocked(finding.kind, finding.id, layout.absolute(finding.file));
      if (last !== null) await writer.rememberWritten(last);
      return { recorded: accept, skipped };
    },
    lockOptions,
  );
}
