import { describe, expect, it } from 'vitest';
import { edgeRealtime } from '../../core/ladder/criteria.js';
import { DESKTOP, evidence, JETSON, LAPTOP, REALTIME_FAIL, REALTIME_PASS, run, verdict } from '../golden/ladder/records.js';

describe('real-time target met on an edge device', () => {
  it('is not met by a real-time target met on a laptop, and says laptops are their own class', () => {
    const outcome = edgeRealtime(evidence({ runs: [run({ id: 'r-laptop', hardware: LAPTOP, verdicts: [REALTIME_PASS] })] }));
    expect(outcome.met).toBe(false);
    expect(outcome.missing).toContain('Run r-laptop met its real-time target on a laptop');
    expect(outcome.missing).toContain('laptops, desktops and servers are their own class');
  });

  it('is not met on a desktop either', () => {
    expect(edgeRealtime(evidence({ runs: [run({ id: 'r-desk', hardware: DESKTOP, verdicts: [REALTIME_PASS] })] })).met).toBe(false);
  });

  it('is met on a Jetson whose real-time target passed', () => {
    const outcome = edgeRealtime(evidence({ runs: [run({ id: 'r-orin', hardware: JETSON, verdicts: [REALTIME_PASS] })] }));
    expect(outcome.met).toBe(true);
    expect(outcome.runs[0]?.why).toContain('NVIDIA Jetson Orin Nano');
    expect(outcome.runs[0]?.why).toContain('realtime-30: pass');
  });

  it('is met on an ARM board asking for frames per second', () => {
    const board = { label: 'Raspberry Pi 5', deviceClass: 'arm-board', fingerprint: 'e'.repeat(64) };
    const fps = verdict('fps>=15', 'fps', '>=', 15, 'fps', 18, 'pass');
    expect(edgeRealtime(evidence({ runs: [run({ id: 'r-pi', hardware: board, verdicts: [fps] })] })).met).toBe(true);
  });

  it('is not met on a Jetson whose target failed, and reports the observed value', () => {
    const outcome = edgeRealtime(evidence({ runs: [run({ id: 'r-orin', hardware: JETSON, verdicts: [REALTIME_FAIL] })] }));
    expect(outcome.met).toBe(false);
    expect(outcome.missing).toContain('observed 48.20 ms');
  });

  it('does not take a loose latency bound for a real-time target', () => {
    const slow = verdict('p99<=500ms', 'p99', '<=', 500, 'ms', 210, 'pass');
    expect(edgeRealtime(evidence({ runs: [run({ id: 'r-orin', hardware: JETSON, verdicts: [slow] })] })).met).toBe(false);
  });

  it('does not take a bound on the fastest inference, cold start or memory for a real-time target', () => {
    const near = [
      verdict('min<=100ms', 'min', '<=', 100, 'ms', 3, 'pass'),
      verdict('coldstart<=100ms', 'coldstart', '<=', 100, 'ms', 80, 'pass'),
    ];
    expect(edgeRealtime(evidence({ runs: [run({ id: 'r-orin', hardware: JETSON, verdicts: near })] })).met).toBe(false);
  });
});
