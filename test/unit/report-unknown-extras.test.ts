import { describe, expect, test } from 'vitest';
import { runSections } from '../../core/present/sections/run-sections.js';
import { baselineRun } from '../golden/synthetic-runs.js';

describe('extras a section does not know fall back to the generic tables', () => {
  test('known keys get their section in reading order; an unknown key keeps its name and fields', () => {
    const run = { ...baselineRun, extras: { calibration: { axis: 'intraOpNumThreads', points: [{ value: 1, p50Ms: 9.5 }, { value: 2, p50Ms: 5.1 }] }, memory: { peakRssBytes: 2 ** 30 } } };
    const sections = runSections(run);
    expect(sections.map((s) => [s.key, s.title])).toEqual([['memory', 'Memory'], ['calibration', 'calibration']]);
    const points = sections[1]?.blocks.find((b) => b.kind === 'table' && b.caption === 'points');
    expect(points?.kind === 'table' && points.table.rows).toEqual([['1', '9.50'], ['2', '5.10']]);
  });

  test('a known key in a shape its section does not read (an older producer) is shown generically, not dropped', () => {
    const sections = runSections({ ...baselineRun, extras: { profile: { traceFile: 'old.json', note: 'v0 summary' } } });
    expect(sections).toHaveLength(1);
    expect(sections[0]?.title).toBe('profile');
    const fields = sections[0]?.blocks[0];
    expect(fields?.kind === 'table' && fields.table.rows).toEqual([['traceFile', 'old.json'], ['note', 'v0 summary']]);
  });
});
