import { describe, expect, it } from 'vitest';
import { checkAgainstTimedRun, timedRunMismatchFinding } from '../../core/profile/timed-run-check.js';
import { summarizeProfile } from '../../core/profile/summarize.js';
import { profileSection } from '../../core/present/sections/profile-section.js';
import { parseOrtProfile } from '../../core/profile/parse-ort-profile.js';

// A timed run whose inferences took 10–14 ms (p99 at 13.96), median 12.
const timed = Array.from({ length: 101 }, (_, i) => 10 + (4 * i) / 100);

/** A minimal ORT trace: `runs` model_run events of `runMs` each, one Conv kernel filling each. */
function trace(runs: number, runMs: number): unknown[] {
  const events: unknown[] = [];
  for (let r = 0; r < runs; r++) {
    const ts = r * 100_000;
    events.push({ cat: 'Session', name: 'model_run', ph: 'X', ts, dur: runMs * 1000, args: {} });
    events.push({ cat: 'Node', name: 'conv_kernel_time', ph: 'X', ts: ts + 1, dur: runMs * 1000 - 2, args: { op_name: 'Conv', provider: 'CPUExecutionProvider', input_type_shape: [{ float: [1, 8, 16, 16] }, { float: [8, 8, 3, 3] }], output_type_shape: [{ float: [1, 8, 16, 16] }] } });
  }
  return events;
}

describe('the profiled pass checked against the timed run', () => {
  it('passes a profile whose median inference lies in the timed run\'s range', () => {
    const check = checkAgainstTimedRun(12.5, timed)!;
    expect(check).toMatchObject({ withinTimedRun: true, timedLowMs: 10, timedMedianMs: 12 });
    expect(check.timedHighMs).toBeCloseTo(13.96, 6);
    expect(timedRunMismatchFinding(check)).toBeNull();
  });

  it('warns first, before the roofline and findings, when a load spike made the pass 4× slower', () => {
    const breakdown = parseOrtProfile(trace(6, 48), { skipRuns: 1 });
    expect(breakdown.modelRunMedianMs).toBe(48);
    const summary = summarizeProfile(breakdown, { tracePath: 't.json', timedSamplesMs: timed });
    expect(summary.timedRunCheck).toMatchObject({ withinTimedRun: false, profiledMedianMs: 48, ratio: 4 });
    expect(summary.findings[0]?.code).toBe('profile-mismatch');
    expect(summary.findings[0]?.message).toContain('4.0× slower than the timed run (median 12.0 ms, range 10.0–14.0 ms to its p99)');
    expect(summary.summary.startsWith('The profiled pass took 48.0 ms per inference (median)')).toBe(true);
    const section = profileSection(summary)!;
    const lines = section.blocks.find((b) => b.kind === 'lines');
    expect(JSON.stringify(lines)).toContain("is outside the timed run's range");
  });

  it('says so when the pass ran faster than any timed inference', () => {
    const finding = timedRunMismatchFinding(checkAgainstTimedRun(5, timed)!);
    expect(finding?.message).toContain('2.4× faster than the timed run');
  });

  it('leaves a profile taken on its own unchecked', () => {
    expect(checkAgainstTimedRun(12, [])).toBeNull();
    const summary = summarizeProfile(parseOrtProfile(trace(3, 12), { skipRuns: 1 }), { tracePath: 't.json' });
    expect(summary.timedRunCheck).toBeUndefined();
    expect(summary.findings.some((f) => f.code === 'profile-mismatch')).toBe(false);
  });
});

describe("the profiler's own cost is not a mismatch", () => {
  // 10–14 ms timed (fastest to p99); the profiler timing every node makes its pass slower by itself.
  const timed = Array.from({ length: 100 }, (_, i) => 10 + (i % 5));
  it('a pass up to 1.5× the timed p99 is the profiler\'s cost: no finding, and the check says why', () => {
    const check = checkAgainstTimedRun(19, timed)!;
    expect(check).toMatchObject({ withinTimedRun: false, withinProfilerCost: true, profilerAllowance: 1.5 });
    expect(timedRunMismatchFinding(check)).toBeNull();
  });
  it('beyond that allowance it is another machine state, and the finding heads the list', () => {
    const check = checkAgainstTimedRun(22, timed)!;
    expect(check.withinProfilerCost).toBe(false);
    expect(timedRunMismatchFinding(check)?.code).toBe('profile-mismatch');
  });
  it('device-timed traces get a wider allowance (WebGPU profiling gives each dispatch its own pass)', () => {
    expect(checkAgainstTimedRun(30, timed, 2.5)?.withinProfilerCost).toBe(true);
  });
});
