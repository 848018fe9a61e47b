import { describe, expect, it } from 'vitest';
import { suiteUpkeep } from '../../core/ladder/criteria.js';
import { evidence, run } from '../golden/ladder/records.js';

const suite = (runDate?: string) => ({ suite: { name: 'detector-gate', ...(runDate ? { runDate } : {}) } });

describe('benchmark suite kept up', () => {
  it('is not met by a suite run twice on one day', () => {
    const outcome = suiteUpkeep(evidence({
      runs: [
        run({ id: 'r-pm', startedAt: '2026-03-02T17:00:00.000Z', extras: suite() }),
        run({ id: 'r-am', startedAt: '2026-03-02T08:00:00.000Z', extras: suite() }),
      ],
    }));
    expect(outcome.met).toBe(false);
    expect(outcome.missing).toBe('Suite "detector-gate" ran only on 2026-03-02; run it again on another day.');
  });

  it('is met by the same suite on two days, one run per day', () => {
    const outcome = suiteUpkeep(evidence({
      runs: [
        run({ id: 'r-2', startedAt: '2026-03-09T08:00:00.000Z', extras: suite() }),
        run({ id: 'r-1b', startedAt: '2026-03-02T17:00:00.000Z', extras: suite() }),
        run({ id: 'r-1a', startedAt: '2026-03-02T08:00:00.000Z', extras: suite() }),
      ],
    }));
    expect(outcome.met).toBe(true);
    expect(outcome.runs).toEqual([
      { runId: 'r-1b', why: 'suite "detector-gate" run on 2026-03-02 (2 different days)' },
      { runId: 'r-2', why: 'suite "detector-gate" run on 2026-03-09 (2 different days)' },
    ]);
  });

  it('uses the suite run date when the record gives one', () => {
    const outcome = suiteUpkeep(evidence({
      runs: [
        run({ id: 'r-2', startedAt: '2026-03-09T08:00:00.000Z', extras: suite('2026-03-02') }),
        run({ id: 'r-1', startedAt: '2026-03-02T08:00:00.000Z', extras: suite() }),
      ],
    }));
    expect(outcome.met).toBe(false);
  });

  it('does not count runs outside a suite', () => {
    expect(suiteUpkeep(evidence({ runs: [run({ id: 'r' })] })).missing).toBe('No completed run belongs to a benchmark suite.');
  });
});
