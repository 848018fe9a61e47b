import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../core/targets/index.js';

describe('parseTarget: units', () => {
  it.each([
    ['p99<=33ms', 33, 'ms'],
    ['p99<=0.033s', 33, 's'],
    ['coldstart<=2s', 2000, 's'],
    ['p50<=500us', 0.5, 'us'],
    ['p50<=500µs', 0.5, 'µs'],
  ])('converts the time in %s to milliseconds', (expression, ms, displayUnit) => {
    const target = parseTarget(expression);
    expect(target.unit).toBe('ms');
    expect(target.threshold).toBeCloseTo(ms, 12);
    expect(target.displayUnit).toBe(displayUnit);
  });

  it.each([
    ['rss<=100B', 100],
    ['rss<=64KB', 64e3],
    ['rss<=512MB', 512e6],
    ['rss<=2GB', 2e9],
    ['rss<=64KiB', 64 * 1024],
    ['rss<=512MiB', 512 * 1024 ** 2],
    ['rss<=1.5GiB', 1.5 * 1024 ** 3],
    ['rss<=512mb', 512e6],
  ])('converts the size in %s to bytes (SI powers of ten, IEC powers of two)', (expression, bytes) => {
    expect(parseTarget(expression)).toMatchObject({ unit: 'B', threshold: bytes });
  });

  it('takes rates with or without their unit', () => {
    expect(parseTarget('fps>=30')).toMatchObject({ threshold: 30, unit: 'fps' });
    expect(parseTarget('fps>=30fps')).toMatchObject({ threshold: 30, unit: 'fps' });
    expect(parseTarget('throughput>=100')).toMatchObject({ threshold: 100, unit: '/s' });
    expect(parseTarget('throughput >= 100 /s')).toMatchObject({ threshold: 100, unit: '/s' });
  });

  it('reads decimals and exponents', () => {
    expect(parseTarget('p99<=.5s').threshold).toBe(500);
    expect(parseTarget('throughput>=1e3/s').threshold).toBe(1000);
  });
});
