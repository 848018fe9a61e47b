import { LabError } from '../../api/errors.js';
import { readLedgerState } from '../evidence-check.js';
import type { WorkspaceLayout } from '../layout.js';
import type { MachineState } from '../machine-state.js';
import type { RecordWriter } from '../record-writer.js';
import { trustedSignersFile } from './bundle-signature.js';
import { mergeCheckedBundle } from './merge-bundle.js';
import type { MergeOutcome } from './merge-bundle.js';
import { checkBundle } from './read-bundle.js';

/**
 * `edgelab runs merge BUNDLE…`: each bundle is checked whole before anything of it is written, and
 * merged only into a workspace whose own chain is sound (a merge appends to it). Bundles are merged
 * in the order given; one that is refused stops the command, and those before it stay merged.
 */
export async function mergeBundles(layout: WorkspaceLayout, machine: MachineState, writer: RecordWriter, paths: string[], allowedSigners: string | undefined, now?: Date): Promise<MergeOutcome[]> {
  const state = await readLedgerState(layout, machine);
  if (state.chainProblem !== null) {
    throw new LabError('input', `Cannot merge into ${layout.dir}: ${state.chainProblem}.`, 'Run `edgelab runs verify` and restore this workspace first; a merge appends to its ledger.');
  }
  const signers = await trustedSignersFile(layout.dir, allowedSigners);
  const outcomes: MergeOutcome[] = [];
  for (const path of paths) {
    const checked = await checkBundle(path, signers);
    outcomes.push(await mergeCheckedBundle(layout, writer, checked, now));
  }
  return outcomes;
}
