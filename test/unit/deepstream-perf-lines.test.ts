import { describe, expect, it } from 'vitest';
import { PERF_PREFIX, PerfAccumulator, parsePerfLine } from '../../core/engines/deepstream/perf-lines.js';

/**
 * The forms of a **PERF: line no recorded log here shows, written from the printing code
 * (test/fixtures/deepstream/FIELD_DEFINITIONS.md): deepstream-app with several instances prints
 * `PERF(<n>):` (deepstream_app_main.c); the Python samples print a dict of current FPS with no
 * average (deepstream_python_apps apps/common/FPS.py). The recorded forms are tested through the
 * CLI in test/integration/import-deepstream.test.ts.
 */
const read = (line: string) => {
  const prefix = PERF_PREFIX.exec(line)!;
  return parsePerfLine(line.slice(prefix[0].length), Number(prefix[1] ?? 0));
};

describe('**PERF: lines', () => {
  it('reads the Python samples\' dict: current FPS per named stream, no average', () => {
    expect(read("**PERF:  {'stream0': 30.0, 'stream1': 29.87}")).toEqual({
      instance: 0, kind: 'sample', values: [{ stream: 'stream0', fps: 30, averageFps: null }, { stream: 'stream1', fps: 29.87, averageFps: null }],
    });
  });

  it('keeps the streams of several app instances apart', () => {
    const perf = new PerfAccumulator();
    perf.add(read('**PERF(1): 30.00 (29.50)\t')!, 1);
    perf.add(read('**PERF(2): 15.00 (14.90)\t')!, 2);
    expect(perf.result().streams.map((s) => [s.stream, s.averageFps])).toEqual([['1:0', 29.5], ['2:0', 14.9]]);
  });

  it('refuses a sample that is not "fps (avg)" per stream, and a dict cut off', () => {
    expect(read('**PERF:  30.04 (30.')).toBeNull();
    expect(read('**PERF:  30.04 30.37')).toBeNull();
    expect(read("**PERF:  {'stream0': 30.0")).toBeNull();
  });

  it('counts the pre-roll zeros apart, and a zero after the start as a stall', () => {
    const perf = new PerfAccumulator();
    ['0.00 (0.00)', '0.00 (0.00)', '30.00 (30.00)', '0.00 (20.00)', '30.00 (25.00)'].forEach((v, i) => perf.add(read(`**PERF:  ${v}\t`)!, i + 1));
    const [s] = perf.result().streams;
    expect(s).toMatchObject({ startupReports: 2, intervals: 3, stalledIntervals: 1, minFps: 0, maxFps: 30, meanFps: 20, averageFps: 25 });
  });
});
