import type { CiDevice } from '../api/ci-workflow.js';
import { CI_OUT, DEVICE_STEPS, FLEET_STEPS, type CiStep } from './pipeline-steps.js';
import { FAN_IN_LABEL, headerLines, type WorkflowInput } from './workflow-input.js';
import { comment, literalBlock, quoted } from './yaml-text.js';

export const GITHUB_FILE = '.github/workflows/edgelab-fleet.yml';

/**
 * A GitHub Actions workflow: a matrix job per device on a self-hosted runner with the device's label,
 * each uploading its folder of edgelab-out/ as an artifact of its own (even when the suite failed),
 * then a fan-in job that runs whatever the devices' outcome (`!cancelled()`: after a failed device
 * too, not after a cancel) and downloads them all into the edgelab-out/ layout GitLab's jobs see.
 */
export function githubWorkflow(input: WorkflowInput): string {
  return `${comment(headerLines('github', input))}

name: edgelab fleet

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

env:
  EDGELAB_CLI: \${{ vars.EDGELAB_CLI || 'edgelab' }}
  EDGELAB_SUITE: ${quoted(input.suite)}
  EDGELAB_PIPELINE: \${{ github.run_id }}-\${{ github.run_attempt }}
  EDGELAB_DEVICES: ${quoted(input.devices.map((d) => d.label).join(' '))}

defaults:
  run:
    shell: bash

jobs:
  measure:
    name: measure on \${{ matrix.device }}
    runs-on: [self-hosted, "\${{ matrix.device }}"]
    strategy:
      fail-fast: false
      matrix:
        include:
${input.devices.map(matrixEntry).join('\n')}
    env:
      EDGELAB_DEVICE: \${{ matrix.device }}
      EDGELAB_POWER_MODE: \${{ matrix.power_mode }}
      EDGELAB_JETSON_CLOCKS_SUDO: "1"
    steps:
      - uses: actions/checkout@v4
${runSteps(DEVICE_STEPS, '          EDGELAB_UNIT_LABEL: ${{ runner.name }}')}
      - name: Upload the bundle, JUnit and power state
        if: \${{ !cancelled() }}
        uses: actions/upload-artifact@v4
        with:
          name: edgelab-\${{ matrix.device }}
          path: ${CI_OUT}/
          if-no-files-found: error

  fleet:
    name: merge, fleet report and gate
    needs: measure
    if: \${{ !cancelled() }}
    runs-on: [self-hosted, ${FAN_IN_LABEL}]
    env:
      EDGELAB_ALLOWED_SIGNERS: \${{ vars.EDGELAB_ALLOWED_SIGNERS }}
      MLFLOW_TRACKING_URI: \${{ vars.MLFLOW_TRACKING_URI }}
      MLFLOW_TRACKING_TOKEN: \${{ secrets.MLFLOW_TRACKING_TOKEN }}
    steps:
      - uses: actions/checkout@v4
      - name: Download the device artifacts
        uses: actions/download-artifact@v4
        with:
          pattern: edgelab-*
          path: ${CI_OUT}
          merge-multiple: true
${runSteps(FLEET_STEPS)}
      - name: Upload the merged workspace and fleet report
        if: \${{ !cancelled() }}
        uses: actions/upload-artifact@v4
        with:
          name: fleet-report
          path: ${CI_OUT}/fleet/
`;
}

function matrixEntry(device: CiDevice): string {
  return `          - device: ${quoted(device.label)}\n            power_mode: ${quoted(device.powerMode === undefined ? '' : String(device.powerMode))}`;
}

/** The shared steps as \`run:\` steps; \`env\` lines go on each (the runner's name is a step-level context). */
function runSteps(steps: readonly CiStep[], env?: string): string {
  return steps
    .map((step) => [`      - name: ${quoted(step.name)}`, ...(env ? ['        env:', env] : []), `        run: ${literalBlock(step.run, 10)}`].join('\n'))
    .join('\n');
}
