import { describe, expect, it } from 'vitest';
import type { RunListItem } from '../../core/api/lab-api.js';
import { matchesSearch, PAGE_SIZE, runListPage, sortRuns } from '../../renderer/src/history/run-list-view.js';

const run = (i: number, changes: Partial<RunListItem> = {}): RunListItem => ({
  id: `run-${String(i).padStart(3, '0')}`, state: 'completed', startedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(), finishedAt: '', tags: [],
  modelName: 'resnet50.onnx', modelSha256: null, executionProvider: 'cpu', iterations: 100, p50Ms: i, p99Ms: 2 * i, throughputPerS: 10, verdict: 'none', hardwareLabel: 'laptop', runKind: 'single-stream', ...changes,
});

describe('History: search, sort and pages', () => {
  it('matches every word typed against model, label, tags, id and kind, ignoring case', () => {
    const r = run(1, { label: 'Night test', tags: ['fp16', 'jetson'], modelName: 'ch_PP-OCRv4_det_infer.onnx' });
    expect(matchesSearch(r, 'ppocrv4')).toBe(false);
    expect(matchesSearch(r, 'pp-ocrv4 FP16')).toBe(true);
    expect(matchesSearch(r, 'night jetson')).toBe(true);
    expect(matchesSearch(r, 'night orin')).toBe(false);
    expect(matchesSearch(r, '  ')).toBe(true);
  });

  it('finds what the row shows: "imported" finds every imported run, and the hardware and accelerator match', () => {
    const imported = [run(1, { evidence: 'imported', label: 'alexnet fp16' }), run(2, { evidence: 'imported' }), run(3, { evidence: 'imported', label: 'imported from CI' })];
    const measured = [run(4, { label: 'baseline' }), run(5, { accelerator: 'NVIDIA H200, 143771 MiB' })];
    expect([...imported, ...measured].filter((r) => matchesSearch(r, 'imported')).map((r) => r.id)).toEqual(imported.map((r) => r.id));
    expect(matchesSearch(measured[1]!, 'h200')).toBe(true);
    expect(matchesSearch(measured[0]!, 'laptop measured')).toBe(true);
  });

  it('sorts both ways and puts runs without the value (failed ones) last either way', () => {
    const runs = [run(3), run(1), run(2, { p50Ms: null, state: 'failed' })];
    expect(sortRuns(runs, 'p50', 'asc').map((r) => r.p50Ms)).toEqual([1, 3, null]);
    expect(sortRuns(runs, 'p50', 'desc').map((r) => r.p50Ms)).toEqual([3, 1, null]);
    expect(sortRuns([run(1, { verdict: 'pass' }), run(2, { verdict: 'fail' })], 'verdict', 'asc').map((r) => r.verdict)).toEqual(['fail', 'pass']);
  });

  it('pages 50 rows at a time and clamps a page past the end to the last', () => {
    const runs = Array.from({ length: 120 }, (_, i) => run(i));
    const first = runListPage(runs, { search: '', state: '', sort: 'started', direction: 'desc', page: 1 });
    expect(first).toMatchObject({ page: 1, pageCount: 3, matching: 120 });
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.rows[0]?.id).toBe('run-119');
    const last = runListPage(runs, { search: '', state: '', sort: 'started', direction: 'desc', page: 99 });
    expect(last.page).toBe(3);
    expect(last.rows).toHaveLength(20);
    expect(runListPage(runs, { search: '', state: 'failed', sort: 'started', direction: 'desc', page: 1 }).matching).toBe(0);
  });
});
