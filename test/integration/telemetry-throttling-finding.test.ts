import { expect, it } from 'vitest';
import { checkThrottling } from '../../core/telemetry/throttling.js';

it('names throttling only when the clock falls and latency rises together', () => {
  const clocks = [...Array(20).fill(3000), ...Array(20).fill(2400)];
  const slower = [...Array(50).fill(10), ...Array(50).fill(12.5)];
  const steady = Array(100).fill(10);
  const throttled = checkThrottling(clocks, slower, 'no clock');
  expect(throttled.throttled).toBe(true);
  expect(throttled.clockChangePercent).toEqual({ available: true, value: -20 });
  expect(throttled.latencyChangePercent).toEqual({ available: true, value: 25 });
  expect(throttled.finding).toMatch(/^Throttling/);

  expect(checkThrottling(clocks, steady, 'no clock').throttled).toBe(false);
  const noClock = checkThrottling([null, null, null], slower, 'The OS reports no CPU clock here.');
  expect(noClock.throttled).toBe(false);
  expect(noClock.clockChangePercent).toEqual({ available: false, reason: 'The OS reports no CPU clock here.' });
});
