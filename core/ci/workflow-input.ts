import type { CiDevice, CiEngine } from '../api/ci-workflow.js';

/** A validated request, as both renderers take it. */
export interface WorkflowInput {
  devices: readonly CiDevice[];
  suite: string;
}

/** The runner label of the fan-in job: any runner with edgelab installed (it measures nothing). */
export const FAN_IN_LABEL = 'edgelab';

/** The file's opening comment: what it does and what the runners need, in both engines' words. */
export function headerLines(engine: CiEngine, input: WorkflowInput): string[] {
  const register = engine === 'github' ? 'self-hosted runner with the label' : 'runner with the tag';
  return [
    `Written by \`edgelab ci init ${engine}\`: measure ${input.suite} on each device, then merge and gate.`,
    '',
    ...input.devices.map((d) => `${d.label}: a ${register} "${d.label}"${d.powerMode === undefined ? ', power mode left as it is' : `, pinned to nvpmodel mode ${d.powerMode}`}.`),
    `Fan-in: a ${register} "${FAN_IN_LABEL}" (any machine with edgelab; it measures nothing).`,
    '',
    'A runner runs one job at a time on its device, which is the exclusive access a clean measurement',
    engine === 'github' ? 'needs (a self-hosted runner always does).' : 'needs (register it with --limit 1 and keep concurrent = 1).',
    'Its user needs passwordless sudo for nvpmodel and jetson_clocks, and edgelab on PATH (or set the',
    'EDGELAB_CLI variable). Optional variables: EDGELAB_BUNDLE_KEY (on the runner) signs the bundles,',
    'EDGELAB_ALLOWED_SIGNERS trusts them, MLFLOW_TRACKING_URI exports the merged runs.',
  ];
}
