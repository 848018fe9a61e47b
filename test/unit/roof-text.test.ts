import { expect, test } from 'vitest';
import { roofText } from '../../core/profile/roof-text.js';

test('a kernel under its roof gets its share of it', () => {
  expect(roofText(0.35, 'compute')).toBe('35 % of the compute roof');
  expect(roofText(0.042, 'memory')).toBe('4.2 % of the bandwidth roof');
  expect(roofText(null, 'memory')).toBe('');
});

test('a point above the roof says the roof is wrong, never "132.5 % of the roof"', () => {
  const above = roofText(1.325, 'memory');
  expect(above).toMatch(/^above the bandwidth roof \(133 %\), so that roof is wrong for this kernel: its data stayed in cache/);
  expect(above).not.toMatch(/% of the/);
  expect(roofText(1.1, 'compute')).toContain('the peaks were measured lower than this kernel ran');
});
