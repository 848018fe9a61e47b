export { LADDER_VERSION, LEVELS, levelById } from '../api/ladder-levels.js';
export type { Level, LevelId } from '../api/ladder-levels.js';
export { ALL_ITEMS, GATES, findItem, gateById } from './gates.js';
export type { AttestedItem, Gate, GateId, ItemKind, LadderItem, MeasuredItem } from './gates.js';
export { CRITERIA } from './criteria.js';
export type { Criterion, MeasuredOutcome, RunEvidence } from './criteria.js';
export { loadLadderEvidence, profileExplanationItemId } from './evidence.js';
export type { LadderEvidence } from './evidence.js';
export { evaluateLadder, GATE_FOR_PHASE, runNoteItemId } from './evaluate.js';
export type { GateStatus, ItemStatus, LadderStatus, MeasuredItemStatus, AttestedItemStatus, NoteEvidence } from './evaluate.js';
export {
  ASSESSMENT_SCHEMA_VERSION,
  AssessmentSchema,
  answersFromYesList,
  assess,
  assessmentPath,
  loadAssessment,
  phaseForYesCount,
  saveAssessment,
} from './self-assessment.js';
export type { Assessment } from './self-assessment.js';
export { LABS, checkLabs } from './labs.js';
export type { LabCheck, PracticeLab } from './labs.js';
export { attestItem, checkLink, explainProfile, validateAttestRequest } from './attest.js';
export type { AttestRequest } from './attest.js';
export { DECISION_STATUSES, listDecisionRecords, newDecisionRecord, renderDecisionRecord, slugify } from './decision-records.js';
export type { DecisionRecordSummary, DecisionStatus, NewDecisionRecord } from './decision-records.js';
export { buildPortfolio, ledgerStatus } from './portfolio.js';
export type { Portfolio, PortfolioRun } from './portfolio.js';
export { renderPortfolioHtml } from './portfolio-html.js';
export { renderPortfolioMarkdown } from './portfolio-markdown.js';
export { exportPortfolio, PORTFOLIO_FORMATS } from './export-portfolio.js';
export type { PortfolioFormat } from './export-portfolio.js';
export { isRealtimeVerdict, REALTIME_MAX_LATENCY_MS, REALTIME_MIN_FPS } from './realtime-target.js';
