import { LabError } from '../api/errors.js';
import type { LabApi } from '../api/lab-api.js';
import type { AssessmentAnswer, LadderAnswer } from '../api/ladder.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import type { Workspace } from '../evidence/index.js';
import { levelById } from '../api/ladder-levels.js';
import { explainProfile } from '../ladder/attest.js';
import { listDecisionRecords, newDecisionRecord } from '../ladder/decision-records.js';
import { assess, loadAssessment, saveAssessment } from '../ladder/self-assessment.js';
import { attestItem } from '../ladder/attest.js';
import { checkLabs } from '../ladder/labs.js';
import { evaluateLadder } from '../ladder/evaluate.js';
import { loadLadderEvidence } from '../ladder/evidence.js';
import { PHASE_ADVICE } from '../present/assessment-questions.js';

// The evidence record draws its charts with Vega: loaded when one is exported, not with the lab.
const portfolios = () => import('../ladder/export-portfolio.js');

export type LadderCalls = Pick<LabApi, 'ladder' | 'attest' | 'assess' | 'labs' | 'explainProfile' | 'exportLadder' | 'decisionRecords' | 'newDecisionRecord'>;

/**
 * The ladder as LabApi answers it: where the engineer stands, the self-assessment, attested
 * evidence, practice labs and the evidence record to hand over. Each request is validated with the
 * schema the transports use; kept apart from lab-service.ts, which runs and keeps runs.
 */
export function ladderCalls(workspace: Workspace): LadderCalls {
  return {
    ladder: async (): Promise<LadderAnswer> => {
      const status = evaluateLadder(await loadLadderEvidence(workspace), await loadAssessment(workspace.dir));
      // Evidence that fails the check counts for nothing on the ladder: named, so nothing vanishes silently.
      const runs = (await workspace.listRuns()).filter((r) => r.notVerified);
      const attestations = await workspace.unverifiedAttestations();
      const notCounted = [
        ...runs.map((r) => ({ file: `runs/${r.id}.json`, reason: r.notVerified ?? null })),
        ...attestations.map((a) => ({ file: a.file, reason: null })),
      ];
      return { ...status, notCounted };
    },
    attest: (itemId, note, link, date) => {
      const r = LabRequestSchemas.attest.parse({ itemId, note, ...(link !== undefined ? { link } : {}), ...(date !== undefined ? { date } : {}) });
      return attestItem(workspace, { itemId: r.itemId, note: r.note, link: r.link ?? null, ...(r.date !== undefined ? { date: r.date } : {}) });
    },
    assess: async (answers): Promise<AssessmentAnswer> => {
      const assessment = assess(LabRequestSchemas.assess.parse({ answers }).answers);
      const savedTo = await saveAssessment(workspace.dir, assessment);
      return { ...assessment, phaseTitle: levelById(assessment.phase).title, advice: PHASE_ADVICE[assessment.phase], savedTo };
    },
    labs: async () =>
      checkLabs(await loadLadderEvidence(workspace)).map(({ lab, check }) => ({
        id: lab.id, title: lab.title, goal: lab.goal, serves: lab.serves, steps: lab.steps, done: check.done, detail: check.detail,
      })),
    explainProfile: (runId, note, link) => {
      const r = LabRequestSchemas.explainProfile.parse({ runId, note, ...(link !== undefined ? { link } : {}) });
      return explainProfile(workspace, { runId: r.runId, note: r.note, link: r.link ?? null });
    },
    exportLadder: async (request) => {
      const r = LabRequestSchemas.exportLadder.parse({ request }).request;
      const content = await (await portfolios()).exportPortfolio(workspace, { format: r.format, charts: r.charts ?? true });
      const html = r.format === 'html';
      return { fileName: `edgelab-evidence-record.${r.format}`, mediaType: html ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8', content };
    },
    decisionRecords: () => listDecisionRecords(workspace.dir),
    newDecisionRecord(request) {
      const valid = LabRequestSchemas.newDecisionRecord.parse({ request }).request;
      if (valid.title.trim() === '') {
        throw new LabError('usage', 'The decision record has no title.', 'Name the decision in a line, e.g. "Run the detector in INT8 on the Jetson".');
      }
      return newDecisionRecord(workspace, valid);
    },
  };
}
