import { CiWorkflowRequestSchema, type CiWorkflowAnswer, type CiWorkflowRequest } from '../api/ci-workflow.js';
import { GITHUB_FILE, githubWorkflow } from './github-workflow.js';
import { GITLAB_FILE, gitlabPipeline } from './gitlab-pipeline.js';
import { FAN_IN_LABEL } from './workflow-input.js';

/**
 * The workflow file for one CI engine, from the same steps as the other's. Pure: the caller writes
 * the file (the CLI refuses to overwrite one without --force).
 */
export function ciWorkflow(requestInput: CiWorkflowRequest): CiWorkflowAnswer {
  const request = CiWorkflowRequestSchema.parse(requestInput);
  const input = { devices: request.devices, suite: request.suite };
  const github = request.engine === 'github';
  const labels = request.devices.map((d) => d.label);
  return {
    engine: request.engine,
    files: [github ? { path: GITHUB_FILE, content: githubWorkflow(input) } : { path: GITLAB_FILE, content: gitlabPipeline(input) }],
    notes: [
      `Register one ${github ? 'self-hosted runner' : 'runner'} on each device with its label (${labels.join(', ')}), and one labelled "${FAN_IN_LABEL}" for the fan-in job: see "CI on the devices" in the README.`,
      `The suite ${request.suite} is run on every device; commit it beside this file.`,
      `Set ${github ? 'the repository variable' : 'the CI/CD variable'} MLFLOW_TRACKING_URI to export the merged runs to MLflow.`,
    ],
  };
}
