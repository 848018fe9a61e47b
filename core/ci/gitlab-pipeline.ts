import type { CiDevice } from '../api/ci-workflow.js';
import { CI_OUT, DEVICE_STEPS, FLEET_STEPS, type CiStep } from './pipeline-steps.js';
import { FAN_IN_LABEL, headerLines, type WorkflowInput } from './workflow-input.js';
import { comment, literalBlock, quoted } from './yaml-text.js';

export const GITLAB_FILE = '.gitlab-ci.yml';

/**
 * `.gitlab-ci.yml`: a `parallel: matrix:` job per device, picked by its runner tag (GitLab expands
 * the matrix variable in `tags`), then a fan-in job in the next stage that runs even when a device
 * failed (`when: always`) and receives every device job's artifacts.
 */
export function gitlabPipeline(input: WorkflowInput): string {
  return `${comment(headerLines('gitlab', input))}

stages: [measure, fleet]

variables:
  EDGELAB_CLI: edgelab
  EDGELAB_SUITE: ${quoted(input.suite)}
  EDGELAB_PIPELINE: $CI_PIPELINE_ID
  EDGELAB_DEVICES: ${quoted(input.devices.map((d) => d.label).join(' '))}

measure:
  stage: measure
  tags: [$EDGELAB_DEVICE]
  parallel:
    matrix:
${input.devices.map(matrixEntry).join('\n')}
  variables:
    EDGELAB_UNIT_LABEL: $CI_RUNNER_DESCRIPTION
    EDGELAB_JETSON_CLOCKS_SUDO: "1"
  script:
${scriptItems(DEVICE_STEPS)}
  artifacts:
    when: always
    expire_in: 30 days
    paths:
      - ${CI_OUT}/
    reports:
      junit: ${CI_OUT}/*/junit.xml

fleet:
  stage: fleet
  tags: [${FAN_IN_LABEL}]
  when: always
  script:
${scriptItems(FLEET_STEPS)}
  artifacts:
    when: always
    expire_in: 90 days
    paths:
      - ${CI_OUT}/fleet/
`;
}

function matrixEntry(device: CiDevice): string {
  return `      - EDGELAB_DEVICE: ${quoted(device.label)}\n        EDGELAB_POWER_MODE: ${quoted(device.powerMode === undefined ? '' : String(device.powerMode))}`;
}

/** Each step one script item, its name as a comment line the job log echoes. */
function scriptItems(steps: readonly CiStep[]): string {
  return steps.map((step) => `    - ${literalBlock(`# ${step.name}\n${step.run}`, 6)}`).join('\n');
}
