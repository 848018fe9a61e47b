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

/**
 * `ladder()`'s answer: the status, and the evidence it did not count because it fails the evidence
 * check (an edited record, a broken ledger), so nothing vanishes from the ladder silently.
 */
export interface LadderAnswer extends LadderStatus {
  notCounted: NotCountedEvidence[];
}

export interface NotCountedEvidence {
  /** Relative to the workspace: `runs/ID.json`, `attestations/…`. */
  file: string;
  /** Why it failed the check, where the workspace knows. */
  reason: string | null;
}

/** `assess()`'s answer: the saved self-assessment, the phase it picks in words, and where it was saved. */
export interface AssessmentAnswer extends AssessmentSummary {
  schemaVersion: number;
  ladderVersion: number;
  phaseTitle: string;
  advice: string;
  /** The file on the lab's machine. */
  savedTo: string;
}

/** `exportLadder()`: the evidence record (gates, runs, notes, ledger status) as one document. */
export const LADDER_EXPORT_FORMATS = ['html', 'md'] as const;
export interface LadderExportRequest {
  format: (typeof LADDER_EXPORT_FORMATS)[number];
  /** false leaves the HTML record's charts out (smaller; the same tables). Default true. */
  charts?: boolean;
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

