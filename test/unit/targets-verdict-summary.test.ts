import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../core/api/exit-codes.js';
import type { Verdict } from '../../core/api/run-record.js';
import { exitCodeForVerdicts, verdictSummary } from '../../core/targets/index.js';

const verdictWith = (status: Verdict['status']): Verdict => ({
  target: 'p99<=33ms',
  metric: 'p99',
  comparator: '<=',
  thresholdValue: 33,
  unit: 'ms',
  observedValue: 30,
  status,
  method: 'test',
  intervalLow: 29,
  intervalHigh: 31,
});

describe('verdictSummary', () => {
  it('is none without targets and pass when every target passed', () => {
    expect(verdictSummary([])).toBe('none');
    expect(verdictSummary([verdictWith('pass'), verdictWith('pass')])).toBe('pass');
  });

  it('lets inconclusive outrank pass, and fail outrank both', () => {
    expect(verdictSummary([verdictWith('pass'), verdictWith('inconclusive')])).toBe('inconclusive');
    expect(verdictSummary([verdictWith('inconclusive'), verdictWith('fail'), verdictWith('pass')])).toBe('fail');
  });

  it('maps to the CLI exit codes', () => {
    expect(exitCodeForVerdicts([])).toBe(ExitCode.ok);
    expect(exitCodeForVerdicts([verdictWith('pass')])).toBe(ExitCode.ok);
    expect(exitCodeForVerdicts([verdictWith('inconclusive')])).toBe(ExitCode.inconclusive);
    expect(exitCodeForVerdicts([verdictWith('inconclusive'), verdictWith('fail')])).toBe(ExitCode.targetFailed);
  });
});
