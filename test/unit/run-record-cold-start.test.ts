import { describe, expect, it } from 'vitest';
import { RunRecordSchema } from '../../core/api/run-record.js';
import { baselineRun } from '../golden/synthetic-runs.js';

/** A cold start the files do not state is null only in imported evidence; a measured run always times it. */
describe('coldStart in a run record', () => {
  const unstated = { ...baselineRun, coldStart: { sessionCreateMs: null, firstInferenceMs: null } };
  const origin = { kind: 'imported' as const, tool: 'trtexec', files: [], statedHardware: null, importedAt: baselineRun.startedAt };

  it('may be null in an imported record', () => {
    expect(RunRecordSchema.safeParse({ ...unstated, origin }).success).toBe(true);
  });

  it('is refused as null in a measured record, naming the field', () => {
    const parsed = RunRecordSchema.safeParse(unstated);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['coldStart.sessionCreateMs', 'coldStart.firstInferenceMs']);
  });

  it('reads a record written before, with both numbers, as it was', () => {
    expect(RunRecordSchema.parse(baselineRun)).toMatchObject({ coldStart: baselineRun.coldStart });
  });
});
