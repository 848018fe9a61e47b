import { describe, expect, it } from 'vitest';
import { parseTarget, targetMetrics } from '../../core/targets/index.js';

describe('parseTarget: metrics', () => {
  it.each([
    ['mean<=5ms', 'mean', 5],
    ['p50<10ms', 'p50', 10],
    ['p90<=12ms', 'p90', 12],
    ['p95<=20ms', 'p95', 20],
    ['p99<=33ms', 'p99', 33],
    ['p999<=50ms', 'p999', 50],
    ['min>=1ms', 'min', 1],
    ['max<=100ms', 'max', 100],
    ['coldstart<=2000ms', 'coldstart', 2000],
  ])('reads the latency metric in %s', (expression, metric, threshold) => {
    expect(parseTarget(expression)).toMatchObject({ expression, metric, threshold, unit: 'ms' });
  });

  it('reads fps, throughput and rss in their own units', () => {
    expect(parseTarget('fps>=30')).toMatchObject({ metric: 'fps', threshold: 30, unit: 'fps' });
    expect(parseTarget('throughput>=100/s')).toMatchObject({ metric: 'throughput', threshold: 100, unit: '/s' });
    expect(parseTarget('rss<=512MB')).toMatchObject({ metric: 'rss', threshold: 512e6, unit: 'B' });
  });

  it('accepts p99.9 for p999, median for p50, and any letter case', () => {
    expect(parseTarget('p99.9<=40ms').metric).toBe('p999');
    expect(parseTarget('median<10ms').metric).toBe('p50');
    expect(parseTarget('P99<=33MS')).toMatchObject({ metric: 'p99', threshold: 33, displayUnit: 'ms' });
  });

  it('allows whitespace between and around the parts', () => {
    expect(parseTarget('  p99 <= 33.3 ms ')).toMatchObject({ expression: 'p99 <= 33.3 ms', metric: 'p99', comparator: '<=', threshold: 33.3 });
  });

  it('covers every metric it lists', () => {
    expect([...targetMetrics].sort()).toEqual([
      'coldstart', 'fps', 'hmean', 'hmean-drop', 'map', 'map-drop', 'map50', 'max', 'mean', 'min', 'miou', 'miou-drop',
      'p50', 'p90', 'p95', 'p99', 'p999', 'pipeline-fps', 'rss', 'throughput',
    ]);
  });
});
