import { isLabError } from '../api/errors.js';
import type { Attestation } from './attestation.js';
import { readLedgerState } from './evidence-check.js';
import { readEvidence } from './evidence-read.js';
import { idOfRecordFileName, recordFileNames, type WorkspaceLayout } from './layout.js';
import type { MachineState } from './machine-state.js';
import { ATTESTATION_INFO } from './record-schemas.js';
import type { UnreadableRecord } from './run-index.js';
import { compareNewestFirst } from './run-summary.js';

/**
 * Every attestation file, read through the evidence check against one reading of the ledger: those
 * that pass (newest first, the ones the ladder counts), and those that do not, with why.
 */
export async function readAttestations(layout: WorkspaceLayout, machine: MachineState, filter: { itemId?: string }): Promise<{ verified: Attestation[]; unverified: UnreadableRecord[] }> {
  const ledger = await readLedgerState(layout, machine);
  const verified: Attestation[] = [];
  const unverified: UnreadableRecord[] = [];
  for (const name of await recordFileNames(layout.attestationsDir)) {
    try {
      const attestation = await readEvidence(layout, 'attestation', idOfRecordFileName(name), ATTESTATION_INFO, async () => ledger);
      if (filter.itemId === undefined || attestation.itemId === filter.itemId) verified.push(attestation);
    } catch (e) {
      if (!isLabError(e)) throw e;
      unverified.push({ file: `attestations/${name}`, message: e.message });
    }
  }
  verified.sort((a, b) => compareNewestFirst({ startedAt: a.date, id: a.id }, { startedAt: b.date, id: b.id }));
  return { verified, unverified };
}
