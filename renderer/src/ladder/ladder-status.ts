/**
 * The shapes `ladder()` and `labs()` return (core/ladder's LadderStatus and the labs list as the
 * service sends them). LabApi types them `unknown` because core/ladder reads the file system; the
 * renderer may only see core/api, so it names here the fields it reads.
 */
export type GateId = 'entry-to-mid' | 'mid-to-senior' | 'senior-to-staff' | 'staff-practice';
export type LevelId = 'entry' | 'mid' | 'senior' | 'staff';

interface ItemBase {
  id: string;
  gateId: GateId;
  title: string;
  counts: string;
}
export interface MeasuredItem extends ItemBase {
  kind: 'measured';
  produceWith: string;
}
export interface AttestedItem extends ItemBase {
  kind: 'attested';
  linkTo: string;
}

export interface NoteEvidence {
  attestationId: string;
  note: string;
  link: string | null;
  date: string;
}

export interface MeasuredItemStatus {
  kind: 'measured';
  item: MeasuredItem;
  met: boolean;
  runs: Array<{ runId: string; why: string; notes: NoteEvidence[] }>;
  missing: string | null;
}
export interface AttestedItemStatus {
  kind: 'attested';
  item: AttestedItem;
  met: boolean;
  attestations: NoteEvidence[];
}
export type ItemStatus = MeasuredItemStatus | AttestedItemStatus;

export interface GateStatus {
  gate: { id: GateId; from: LevelId; to: LevelId; title: string };
  metCount: number;
  itemCount: number;
  items: ItemStatus[];
}

export interface Assessment {
  answers: boolean[];
  yesCount: number;
  phase: LevelId;
  assessedAt: string;
}

export interface LadderStatus {
  ladderVersion: number;
  assessment: Assessment | null;
  currentGateId: GateId | null;
  gates: GateStatus[];
}

export interface PracticeLabStatus {
  id: string;
  title: string;
  goal: string;
  serves: string;
  steps: string[];
  done: boolean;
  detail: string;
}

export function asLadderStatus(value: unknown): LadderStatus {
  const v = value as Partial<LadderStatus> | null;
  if (!v || !Array.isArray(v.gates)) throw new Error('ladder() returned no gates: the server and this page are from different edgelab versions.');
  return v as LadderStatus;
}

export function asLabs(value: unknown): PracticeLabStatus[] {
  if (!Array.isArray(value)) throw new Error('labs() returned no list: the server and this page are from different edgelab versions.');
  return value as PracticeLabStatus[];
}
