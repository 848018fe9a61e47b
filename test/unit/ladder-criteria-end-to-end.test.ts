import { describe, expect, it } from 'vitest';
import { endToEndInference } from '../../core/ladder/criteria.js';
import { evidence, PIPELINE, run } from '../golden/ladder/records.js';

describe('end-to-end inference criterion', () => {
  it('is met by a run that took real images through every timed stage, and names it', () => {
    const outcome = endToEndInference(evidence({ runs: [run({ id: 'r-bench' }), run({ id: 'r-pipe', extras: { pipeline: PIPELINE } })] }));
    expect(outcome.met).toBe(true);
    expect(outcome.runs.map((r) => r.runId)).toEqual(['r-pipe']);
    expect(outcome.runs[0]?.why).toContain('24 real image(s)');
  });

  it('is not met by a synthetic-input benchmark', () => {
    const outcome = endToEndInference(evidence({ runs: [run({ id: 'r-bench' })] }));
    expect(outcome.met).toBe(false);
    expect(outcome.missing).toMatch(/real images/);
  });

  it('names a pipeline run without postprocessing as the near miss', () => {
    const { postprocessMs: _dropped, ...partial } = PIPELINE;
    const outcome = endToEndInference(evidence({ runs: [run({ id: 'r-half', extras: { pipeline: partial } })] }));
    expect(outcome.met).toBe(false);
    expect(outcome.missing).toBe('Run r-half is a pipeline run but has no timed postprocess stage.');
  });
});
