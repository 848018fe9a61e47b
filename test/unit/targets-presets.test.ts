import { describe, expect, it } from 'vitest';
import { describeBound, parseTarget, parseTargets } from '../../core/targets/index.js';

describe('target presets and lists', () => {
  it('realtime-30 is p99 <= 33.3 ms and realtime-60 is p99 <= 16.7 ms', () => {
    const thirty = parseTarget('realtime-30');
    const sixty = parseTarget(' Realtime-60 ');
    expect(thirty).toMatchObject({ expression: 'realtime-30', metric: 'p99', comparator: '<=', threshold: 33.3, unit: 'ms' });
    expect(sixty).toMatchObject({ expression: 'realtime-60', metric: 'p99', comparator: '<=', threshold: 16.7, unit: 'ms' });
    expect(describeBound(thirty)).toBe('p99 <= 33.3 ms');
  });

  it('parses several targets, including comma-separated ones in one string', () => {
    const targets = parseTargets(['p99<=33ms, rss<=512MB', 'fps>=30', 'realtime-60']);
    expect(targets.map((t) => t.expression)).toEqual(['p99<=33ms', 'rss<=512MB', 'fps>=30', 'realtime-60']);
  });

  it('describes bounds in the unit the user wrote', () => {
    expect(describeBound(parseTarget('rss<=512MiB'))).toBe('rss <= 512 MiB');
    expect(describeBound(parseTarget('coldstart<2s'))).toBe('coldstart < 2 s');
    expect(describeBound(parseTarget('throughput>=100/s'))).toBe('throughput >= 100/s');
    expect(describeBound(parseTarget('fps>=30'))).toBe('fps >= 30');
  });
});
