/**
 * What `ladder()` and `labs()` return: the ladder's status and practice labs as every face shows
 * them. Types only, so the renderer can import them; core/ladder computes them.
 */
export type LevelId = 'entry' | 'mid' | 'senior' | 'staff';
export type GateId = 'entry-to-mid' | 'mid-to-senior' | 'senior-to-staff' | 'staff-practice';

/**
 * A measured item is decided by run records alone; an attested item only by what the engineer says
 * (a note, a link, a date). Where a lab run proves only part of a gate requirement, the requirement
 * is split into a measured item and an attested one, so no item is ever half checked.
 */
export type ItemKind = 'measured' | 'attested';

interface ItemBase {
  id: string;
  gateId: GateId;
  title: string;
  /** What counts as evidence, in one or two sentences. */
  counts: string;
}

export interface MeasuredItem extends ItemBase {
  kind: 'measured';
  /** The edgelab command that produces the runs this item is checked against. */
  produceWith: string;
}

export interface AttestedItem extends ItemBase {
  kind: 'attested';
  /** What a good link points at. */
  linkTo: string;
}

export type LadderItem = MeasuredItem | AttestedItem;

export interface GateSummary {
  id: GateId;
  /** The level this gate is worked on from. */
  from: LevelId;
  /** The level it opens; for the staff gate, the level it keeps you at. */
  to: LevelId;
  title: string;
}

export interface NoteEvidence {
  attestationId: string;
  note: string;
  link: string | null;
  date: string;
}

export interface RunEvidence {
  runId: string;
  why: string;
}

export interface MeasuredRunEvidence extends RunEvidence {
  /** Notes the engineer attached to this run for this item (e.g. a profile's bottleneck explanation). */
  notes: NoteEvidence[];
}

export interface MeasuredItemStatus {
  kind: 'measured';
  item: MeasuredItem;
  met: boolean;
  runs: MeasuredRunEvidence[];
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
  gate: GateSummary;
  metCount: number;
  itemCount: number;
  items: ItemStatus[];
}

/** The stored self-assessment as the status carries it. */
export interface AssessmentSummary {
  answers: boolean[];
  yesCount: number;
  phase: LevelId;
  assessedAt: string;
}

export interface LadderStatus {
  ladderVersion: number;
  assessment: AssessmentSummary | null;
  /** The gate the self-assessment says to work on; null before an assessment. */
  currentGateId: GateId | null;
  gates: GateStatus[];
}

/** A practice lab with the result of its check against the workspace. */
export interface PracticeLabStatus {
  id: string;
  title: string;
  goal: string;
  /** The ladder item this lab produces evidence for. */
  serves: string;
  steps: string[];
  done: boolean;
  /** The run(s) or record that completed the lab, or what is still missing. */
  detail: string;
}

