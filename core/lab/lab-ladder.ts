import { LabError } from '../api/errors.js';
import type { LabApi } from '../api/lab-api.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import type { Workspace } from '../evidence/index.js';
import { explainProfile } from '../ladder/attest.js';
import { listDecisionRecords, newDecisionRecord } from '../ladder/decision-records.js';
import { assess, attestItem, checkLabs, evaluateLadder, loadAssessment, loadLadderEvidence, saveAssessment } from '../ladder/index.js';

export type LadderCalls = Pick<LabApi, 'ladder' | 'attest' | 'assess' | 'labs' | 'explainProfile' | 'decisionRecords' | 'newDecisionRecord'>;

/**
 * The LabApi calls of the career ladder: where the engineer stands against the evidence, what
 * they attest, their self-assessment, the practice labs and the decision records, each request
 * validated with the schema the transports use.
 */
export function ladderCalls(workspace: Workspace): LadderCalls {
  return {
    ladder: async () => evaluateLadder(await loadLadderEvidence(workspace), await loadAssessment(workspace.dir)),

    attest(itemId, note, link) {
      const request = LabRequestSchemas.attest.parse({ itemId, note, ...(link !== undefined ? { link } : {}) });
      return attestItem(workspace, { itemId: request.itemId, note: request.note, link: request.link ?? null });
    },

    async assess(answers) {
      const assessment = assess(LabRequestSchemas.assess.parse({ answers }).answers);
      await saveAssessment(workspace.dir, assessment);
      return assessment;
    },

    labs: async () =>
      checkLabs(await loadLadderEvidence(workspace)).map(({ lab, check }) => ({
        id: lab.id, title: lab.title, goal: lab.goal, serves: lab.serves, steps: lab.steps, done: check.done, detail: check.detail,
      })),

    explainProfile(runId, note, link) {
      const request = LabRequestSchemas.explainProfile.parse({ runId, note, ...(link !== undefined ? { link } : {}) });
      return explainProfile(workspace, { runId: request.runId, note: request.note, link: request.link ?? null });
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
