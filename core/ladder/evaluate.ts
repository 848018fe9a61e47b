import { evidenceKind } from '../api/run-record.js';
import type { Attestation } from '../evidence/attestation.js';
import { CRITERIA } from './criteria.js';
import type { LadderEvidence } from './evidence.js';
import { GATES, type AttestedItem, type GateId, type MeasuredItem } from './gates.js';
import { LADDER_VERSION, type LevelId } from '../api/ladder-levels.js';
import type { Assessment } from './self-assessment.js';

export type {
  AttestedItemStatus,
  GateStatus,
  ItemStatus,
  LadderStatus,
  MeasuredItemStatus,
  MeasuredRunEvidence,
  NoteEvidence,
} from '../api/ladder.js';
import type { AttestedItemStatus, GateStatus, ItemStatus, LadderStatus, MeasuredItemStatus, NoteEvidence } from '../api/ladder.js';

export const GATE_FOR_PHASE: Readonly<Record<LevelId, GateId>> = {
  entry: 'entry-to-mid',
  mid: 'mid-to-senior',
  senior: 'senior-to-staff',
  staff: 'staff-practice',
};

/** Notes attached to a run under a measured item carry the item id: `<item id>/<run id>`. */
export function runNoteItemId(itemId: string, runId: string): string {
  return `${itemId}/${runId}`;
}

function noteEvidence(a: Attestation): NoteEvidence {
  return { attestationId: a.id, note: a.note, link: a.link, date: a.date };
}

/**
 * Only measured evidence checks a measured item: runs imported from another tool's files are set
 * aside here, once, so no criterion can count one. When an imported run alone would have met an
 * item, the item says so, with what to do instead.
 */
export function evaluateLadder(allEvidence: LadderEvidence, assessment: Assessment | null = null): LadderStatus {
  const evidence: LadderEvidence = { ...allEvidence, runs: allEvidence.runs.filter((r) => evidenceKind(r) === 'measured') };
  const imported = allEvidence.runs.length - evidence.runs.length;
  const gates = GATES.map((gate): GateStatus => {
    const items = gate.items.map((item): ItemStatus => {
      if (item.kind === 'attested') {
        const attestations = evidence.attestations.filter((a) => a.itemId === item.id).map(noteEvidence);
        return { kind: 'attested', item, met: attestations.length > 0, attestations };
      }
      const criterion = CRITERIA[item.id];
      if (!criterion) throw new Error(`Measured ladder item ${item.id} has no criterion`);
      const outcome = criterion(evidence);
      const unverifiable = allEvidence.unverifiableAsMeasured ?? [];
      if (!outcome.met && unverifiable.length > 0) {
        const withThem = criterion({ ...evidence, runs: [...evidence.runs, ...unverifiable.map((u) => u.run)] });
        const ids = withThem.met ? withThem.runs.map((r) => r.runId).filter((id) => unverifiable.some((u) => u.run.id === id)) : [];
        if (ids.length > 0) {
          const why = unverifiable.filter((u) => ids.includes(u.run.id)).map((u) => `${u.run.id}: ${u.reason}`).join('; ');
          outcome.missing = `${outcome.missing ?? ''} Run ${ids.join(', ')} would meet it, but is unverifiable as measured (${why}): it counts for nothing until measured again with edgelab.`.trim();
        }
      }
      if (!outcome.met && imported > 0) {
        const withImported = criterion(allEvidence);
        if (withImported.met) {
          const ids = withImported.runs.map((r) => r.runId).join(', ');
          outcome.missing = `${outcome.missing ?? ''} Imported run ${ids} would meet it, but imported evidence (another tool's files) never checks a measured item: measure it with edgelab on the device.`.trim();
        }
      }
      const runs = outcome.runs.map((run) => ({
        ...run,
        notes: evidence.attestations.filter((a) => a.itemId === runNoteItemId(item.id, run.runId)).map(noteEvidence),
      }));
      return { kind: 'measured', item, met: outcome.met, runs, missing: outcome.missing };
    });
    return { gate, metCount: items.filter((i) => i.met).length, itemCount: items.length, items };
  });
  return { ladderVersion: LADDER_VERSION, assessment, currentGateId: assessment ? GATE_FOR_PHASE[assessment.phase] : null, gates };
}
