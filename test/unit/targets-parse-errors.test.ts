import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { parseTarget, parseTargets } from '../../core/targets/index.js';

function failure(expression: string): LabError {
  try {
    parseTarget(expression);
  } catch (e) {
    if (e instanceof LabError) return e;
    throw e;
  }
  throw new Error(`"${expression}" parsed`);
}

describe('parseTarget: malformed expressions', () => {
  it('is a usage error that quotes the expression and shows examples', () => {
    const error = failure('p98<=33ms');
    expect(error.kind).toBe('usage');
    expect(error.message).toContain('"p98<=33ms"');
    expect(error.hint).toMatch(/Examples: p99<=33ms, .*realtime-30/);
  });

  it('lists the known metrics for an unknown one', () => {
    const error = failure('latency<=33ms');
    expect(error.message).toBe('Target "latency<=33ms" names an unknown metric "latency".');
    expect(error.hint).toMatch(/Known metrics: mean, p50, p90, p95, p99, p999, min, max, fps, throughput, coldstart, rss/);
    expect(error.hint).toMatch(/realtime-30, realtime-60/);
  });

  it('says when the metric is missing', () => {
    expect(failure('<=33ms').message).toBe('Target "<=33ms" has no metric before "<=".');
  });

  it('says when the comparator is missing or is an equals sign', () => {
    expect(failure('p99 33ms').message).toBe('Target "p99 33ms" has no comparator.');
    expect(failure('p99 33ms').hint).toMatch(/Put <, <=, > or >= between/);
    expect(failure('p99=33ms').message).toBe('Target "p99=33ms" uses "=", which is not a comparator here.');
    expect(failure('p99==33ms').message).toMatch(/uses "=="/);
    expect(failure('p99=<33ms').message).toMatch(/uses "=<"/);
  });

  it('says when the number is missing or negative', () => {
    expect(failure('p99<=ms').message).toBe('Target "p99<=ms" has no number after "<=" (found "ms").');
    expect(failure('p99<=').message).toBe('Target "p99<=" has no number after "<=" (found nothing).');
    expect(failure('p99<=-5ms').message).toMatch(/has no number after "<=" \(found "-5ms"\)/);
    expect(failure('p99<=1e999ms').message).toMatch(/too large/);
  });

  it('says which units fit when the unit is wrong for the metric', () => {
    expect(failure('p99<=33kg').message).toBe('Target "p99<=33kg" has unit "kg", which does not fit p99.');
    expect(failure('p99<=33kg').hint).toMatch(/Units for p99: ms, s, us, µs\./);
    expect(failure('rss<=512ms').hint).toMatch(/Units for rss: B, KB, MB, GB, KiB, MiB, GiB\./);
    expect(failure('fps>=30ms').hint).toMatch(/Units for fps: none or fps\./);
    expect(failure('throughput>=5MB').hint).toMatch(/Units for throughput: none or \/s\./);
  });

  it('says a time or a size needs its unit', () => {
    expect(failure('p99<=33').message).toBe('Target "p99<=33" has no unit after 33.');
    expect(failure('p99<=33').hint).toMatch(/p99 is a time: add one of ms, s, us, µs\./);
    expect(failure('rss<=512').hint).toMatch(/rss is a memory size/);
  });

  it('refuses an empty expression but skips empty list entries', () => {
    expect(failure('  ').message).toMatch(/is empty/);
    expect(parseTargets(['p99<=33ms,', ''])).toHaveLength(1);
    expect(() => parseTargets(['p99<=33ms, p98<=1ms'])).toThrow(/unknown metric "p98"/);
  });
});
