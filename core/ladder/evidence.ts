import { isLabError } from '../api/errors.js';
import type { RunRecord } from '../api/run-record.js';
import type { Attestation } from '../evidence/attestation.js';
import type { Workspace } from '../evidence/workspace.js';
import { measuredProblem, runFolderFiles } from '../evidence/measured-evidence.js';
import { listDecisionRecords, type DecisionRecordSummary } from './decision-records.js';
import { countsAsMeasured } from '../api/run-provenance.js';

/**
 * Everything the ladder is judged against, read once from the workspace. Criteria and lab checks
 * are pure functions of this, so tests build it from synthetic records without a disk.
 */
export interface LadderEvidence {
  runs: RunRecord[];
  /**
   * Verified records that say they were measured but lack what edgelab's runner writes
   * (core/evidence/measured-evidence.ts): kept apart, so that no measured item counts one.
   */
  unverifiableAsMeasured?: Array<{ run: RunRecord; reason: string }>;
  attestations: Attestation[];
  decisionRecords: DecisionRecordSummary[];
}

/**
 * An engineer's explanation of a profiled run is an attestation whose item id names the measured
 * item and the run: `profile-explained/<run id>`. It is ledgered like any evidence, and the measured
 * item stays decided by the run, with the explanation attached to it.
 */
export function profileExplanationItemId(runId: string): string {
  return `profile-explained/${runId}`;
}

export function explanationsOf(evidence: LadderEvidence, runId: string): Attestation[] {
  const itemId = profileExplanationItemId(runId);
  return evidence.attestations.filter((a) => a.itemId === itemId);
}

export async function loadLadderEvidence(workspace: Workspace): Promise<LadderEvidence> {
  const summaries = await workspace.listRuns();
  const runs: RunRecord[] = [];
  const unverifiableAsMeasured: Array<{ run: RunRecord; reason: string }> = [];
  for (const summary of summaries) {
    // A record edited after it was recorded counts for nothing; the evidence record's ledger status says why.
    let run: RunRecord;
    try {
      run = await workspace.getRun(summary.id);
    } catch (e) {
      if (!isLabError(e)) throw e;
      continue;
    }
    // How a record was made is judged from what it carries, not from a field a forger can delete.
    // A merged run counts as measured only from a bundle a trusted key signed: a chain alone can be forged whole.
    const bundle = summary.provenance?.kind === 'merged' && !countsAsMeasured(summary.provenance) ? summary.provenance.bundle : undefined;
    const untrusted = bundle ? `merged from ${bundle.name}, ${bundle.signedBy === null ? 'unsigned or signed by a key this workspace does not trust' : `signed by ${bundle.signedBy}, not trusted`}` : null;
    const reason = untrusted ?? measuredProblem(run, await runFolderFiles(workspace.artifactDir(run.id)));
    if (reason === null) runs.push(run);
    else unverifiableAsMeasured.push({ run, reason });
  }
  return {
    runs,
    unverifiableAsMeasured,
    attestations: await workspace.listAttestations(),
    decisionRecords: await listDecisionRecords(workspace.dir),
  };
}
