import type { CiWorkflowAnswer, CiWorkflowRequest } from '../api/ci-workflow.js';
import { LabRequestSchemas } from '../api/lab-requests.js';

/**
 * `ciWorkflow` for every lab: the workflow generator needs no workspace, so the CLI's `ci init` gets
 * it from openCiLab without opening (or creating) one, and LabService answers the same call.
 */
export async function ciWorkflowText(requestInput: CiWorkflowRequest): Promise<CiWorkflowAnswer> {
  const request = LabRequestSchemas.ciWorkflow.parse({ request: requestInput }).request;
  const { ciWorkflow } = await import('../ci/ci-workflow.js');
  return ciWorkflow(request);
}
