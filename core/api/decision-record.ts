/** Architecture decision records as LabApi lists and writes them (core/ladder/decision-records.ts). Types only. */
export const DECISION_STATUS_NAMES = ['proposed', 'accepted', 'superseded', 'deprecated'] as const;

export interface DecisionRecordItem {
  number: number;
  title: string;
  status: string;
  date: string;
  /** Relative to the workspace, e.g. `adr/0003-use-int8-on-the-jetson.md`. */
  file: string;
  runIds: string[];
}

export interface DecisionRecordRequest {
  title: string;
  runIds?: string[];
  status?: (typeof DECISION_STATUS_NAMES)[number];
  context?: string;
  decision?: string;
  consequences?: string;
}
