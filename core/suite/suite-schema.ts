import { z } from 'zod';
import { RunSpecRequestSchema } from '../api/run-spec.js';

/**
 * A benchmark suite: RunSpecs saved in a YAML or JSON file, run one after another and judged by
 * their targets — a deployment gate for CI. `defaults` is merged into every run (a run's own fields
 * win; objects merge key by key), so a suite states its shared settings once.
 */
export const SuiteFileSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  defaults: z.record(z.string(), z.unknown()).default({}),
  runs: z.array(z.record(z.string(), z.unknown())).min(1, 'a suite needs at least one entry under runs'),
});

export type SuiteFile = z.infer<typeof SuiteFileSchema>;
export const SuiteRunSchema = RunSpecRequestSchema;
