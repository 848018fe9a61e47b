import { readFile } from 'node:fs/promises';
import { LabError } from '../api/errors.js';
import type { WorkspaceLayout } from './layout.js';
import type { MachineState } from './machine-state.js';
import { checkContentDigest, sha256Hex } from './record-file.js';
import type { VerifyFinding, VerifyReport } from './verify.js';

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
