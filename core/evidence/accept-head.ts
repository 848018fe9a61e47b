import { LabError } from '../api/errors.js';
import { readLedgerState } from './evidence-check.js';
import { currentHead } from './head-anchor.js';
import type { WorkspaceLayout } from './layout.js';
import type { MachineState } from './machine-state.js';

/**
 * `runs verify --accept-head HASH`: a workspace kept in git goes back legitimately (a checkout, a
 * rebase). Its user says so, naming the head they accept, and this machine remembers that head in
 * place of the one it had (which stays noted as replaced); nothing in the workspace changes.
 */
export async function acceptCurrentHead(layout: WorkspaceLayout, machine: MachineState, hash: string): Promise<void> {
  const state = await readLedgerState(layout, machine);
  const head = currentHead(state.reading);
  if (state.chainProblem !== null && state.drift === null) {
    throw new LabError('input', `--accept-head: the ledger of ${layout.dir} is itself damaged: ${state.chainProblem}.`, 'Restore ledger.jsonl and ledger.head from version control; only the head of an intact ledger can be accepted.');
  }
  if (hash.toLowerCase() !== head.entryHash) {
    throw new LabError('usage', `--accept-head ${hash} is not the head of this ledger (it is ${head.entryHash}, seq ${head.seq}).`, 'Accept only the head `edgelab runs verify` names, after checking that going back to it is what you meant.');
  }
  if (machine.unavailable !== null) throw new LabError('unavailable', `--accept-head: ${machine.unavailable}.`, 'Nothing was accepted.');
  await machine.updateHead((remembered) => ({
    ...head,
    at: new Date().toISOString(),
    how: 'accepted',
    ...(remembered ? { replaced: { seq: remembered.seq, entryHash: remembered.entryHash } } : {}),
  }));
}
