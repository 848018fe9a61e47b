import { describe, expect, it } from 'vitest';
import type { CompletedRun } from '../../core/api/run-record.js';
import { tradeoffTable } from '../../core/evaluate/tradeoff-table.js';
import { formatTradeoffTable } from '../../core/present/sections/tradeoff-section.js';
import { baselineRun } from '../golden/synthetic-runs.js';

function variant(name: string, sha: string, sizeBytes: number, p99: number, throughputPerS: number, peakRssBytes: number, startedAt = '2025-03-01T10:00:00.000Z'): CompletedRun {
  return {
    ...baselineRun,
    id: `${name}-bench`,
    startedAt,
    spec: { ...baselineRun.spec, label: name, tags: [] },
    model: { ...(baselineRun.model as NonNullable<CompletedRun['model']>), sha256: sha, sizeBytes },
    latencyMs: { ...baselineRun.latencyMs, p99 },
    throughputPerS,
    extras: { memory: { peakRssBytes } },
  };
}

function accuracyRun(of: CompletedRun, top1: number): CompletedRun {
  return { ...of, id: `${of.spec.label}-acc`, spec: { ...of.spec, tags: ['accuracy'] }, latencyMs: { ...of.latencyMs, p99: 999 }, extras: { accuracy: { top1, top5: 0.95 } } };
}

describe('tradeoff table marks the Pareto-optimal variants', () => {
  it('joins each variant\'s bench and accuracy runs and marks only the undominated ones', () => {
    const fp32 = variant('fp32', 'a', 14e6, 30, 40, 300e6);
    const fp16 = variant('fp16', 'b', 7e6, 20, 60, 200e6);
    const int8 = variant('int8', 'c', 4e6, 25, 50, 180e6);
    const slow = variant('int8-slow', 'd', 7e6, 40, 30, 250e6);
    const rows = tradeoffTable([fp32, accuracyRun(fp32, 0.75), fp16, accuracyRun(fp16, 0.749), int8, accuracyRun(int8, 0.70), slow, accuracyRun(slow, 0.70)]);

    expect(rows.map((r) => [r.variant, r.top1, r.p99Ms, r.pareto])).toEqual([
      ['fp32', 0.75, 30, true], // most accurate
      ['fp16', 0.749, 20, true], // fastest
      ['int8', 0.70, 25, true], // smallest
      ['int8-slow', 0.70, 40, false], // fp16 beats it on everything
    ]);
    expect(rows[0]?.runIds).toEqual(['fp32-bench', 'fp32-acc']);
    expect(rows[1]?.peakRssBytes).toBe(200e6);

    const text = formatTradeoffTable(rows);
    expect(text.split('\n')[0]).toMatch(/^Variant\s+EP\s+Top-1\s+Top-5\s+p50 ms\s+p99 ms\s+Throughput\s+Model size\s+Peak memory\s+Pareto\s+Runs$/);
    expect(text).toContain('75.0 %');
    expect(text.split('\n').filter((l) => / ★  /.test(l))).toHaveLength(3);
  });

  it('leaves out an objective some variant has no figure for', () => {
    const a = variant('a', 'a', 10, 10, 10, 100);
    const b = variant('b', 'b', 10, 10, 10, 100);
    // Only b has accuracy: accuracy cannot rank them, so neither dominates.
    const rows = tradeoffTable([a, b, accuracyRun(b, 0.9)]);
    expect(rows.map((r) => [r.top1, r.pareto])).toEqual([[null, true], [0.9, true]]);
  });
});

describe('the baseline a reader chose', () => {
  it('is its variant\'s latency run even when a newer run of the same model exists, and only when named', () => {
    const older = { ...variant('fp32', 'a', 14e6, 30, 40, 300e6, '2025-03-01T10:00:00.000Z'), id: 'fp32-older' };
    const newer = { ...variant('fp32', 'a', 14e6, 35, 38, 300e6, '2025-03-02T10:00:00.000Z'), id: 'fp32-newer' };
    const other = variant('int8', 'c', 4e6, 25, 50, 180e6);
    const pinned = tradeoffTable([older, newer, other], { baselineId: 'fp32-older' });
    expect(pinned.find((r) => r.variant === 'fp32')).toMatchObject({ p99Ms: 30, runIds: ['fp32-older'] });
    expect(tradeoffTable([older, newer, other]).find((r) => r.variant === 'fp32')).toMatchObject({ p99Ms: 35, runIds: ['fp32-newer'] });
  });
});
