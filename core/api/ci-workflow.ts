import { z } from 'zod';

/**
 * `edgelab ci init github|gitlab`: a CI workflow for self-hosted runners on the devices. The runners
 * do the scheduling (one job per device at a time); edgelab writes the jobs that measure a suite on
 * each device, pin its power mode and clocks first, hand a bundle to a fan-in job, and gate on it.
 */
export const CI_ENGINES = ['github', 'gitlab'] as const;
export type CiEngine = (typeof CI_ENGINES)[number];

/**
 * Runner labels and suite paths go into YAML and into shell lines unquoted by the runner (GitLab
 * expands `$EDGELAB_DEVICE` in tags), so they are held to characters that need no quoting anywhere.
 */
const LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const SUITE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._][A-Za-z0-9._/-]{0,254}$/;

export const CiDeviceSchema = z.strictObject({
  /** The runner label that picks the device (`orin-nx-16g`); also names its artifacts and workspace. */
  label: z
    .string()
    .regex(LABEL, 'a runner label: letters, digits, ".", "_" and "-", at most 63, starting with a letter or digit')
    .refine((label) => label !== 'fleet', { error: '"fleet" names the fan-in job\'s own folder; give the device another label' }),
  /** The nvpmodel mode id to pin (`sudo nvpmodel -m N`) before measuring; absent: the mode is left as the device has it. */
  powerMode: z.number().int().min(0).max(99).optional(),
});
export type CiDevice = z.infer<typeof CiDeviceSchema>;

export const CiWorkflowRequestSchema = z.strictObject({
  engine: z.enum(CI_ENGINES),
  devices: z.array(CiDeviceSchema).min(1).max(64).refine((devices) => new Set(devices.map((d) => d.label)).size === devices.length, {
    error: 'each device label may appear once: a label picks one runner, and names its artifacts',
  }),
  /** The suite file, relative to the repository root the jobs check out. */
  suite: z.string().regex(SUITE_PATH, 'a path inside the repository (relative, no "..", letters, digits, ".", "_", "-" and "/")'),
});
export type CiWorkflowRequest = z.input<typeof CiWorkflowRequestSchema>;

/** A file to write, relative to the repository root (`.gitlab-ci.yml`, `.github/workflows/edgelab-fleet.yml`). */
export interface CiWorkflowFile {
  path: string;
  content: string;
}

export interface CiWorkflowAnswer {
  engine: CiEngine;
  files: CiWorkflowFile[];
  /** What the user still has to do: register the runners with these labels, set the variables. */
  notes: string[];
}

/**
 * The devices when none are given: an Orin NX 16 GB in nvpmodel mode 0, the one id that is the
 * board's top mode (MAXN) on every Jetson; the ids of the capped modes differ between modules and
 * JetPack releases (`nvpmodel -p --verbose` lists a board's own).
 */
export const DEFAULT_CI_DEVICES: readonly CiDevice[] = [{ label: 'orin-nx-16g', powerMode: 0 }];
export const DEFAULT_CI_SUITE = 'perf/suite.yaml';
