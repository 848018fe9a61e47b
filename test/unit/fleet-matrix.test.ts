import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLEET_ALPHA } from '../../core/api/fleet-report.js';
import { RunRecordSchema, type RunRecord } from '../../core/api/run-record.js';
import { summarizeRun } from '../../core/evidence/run-summary.js';
import { fleetMatrixTable, fleetSections } from '../../core/present/fleet-sections.js';
import { FleetMatrix } from '../../core/report/fleet-matrix.js';
import { renderFleetReport } from '../../core/report/fleet-report.js';

// A real record: edgelab's ResNet-50 run on an H200 through WebGPU (test/fixtures/webgpu-h200, 100
// samples). Copies of it play sibling units of one hardware kind; only the unit is changed, except for
// "slow", whose samples are the same ones × 1.25 so that the test knows which unit is slower.
const real = RunRecordSchema.parse(JSON.parse(readFileSync(new URL('../fixtures/webgpu-h200/resnet50-webgpu-run-record.json', import.meta.url), 'utf8')));

function asUnit(id: string, label: string | null, options: { scale?: number; finishedAt?: string; powerMode?: string } = {}): RunRecord {
  const copy = structuredClone(real) as RunRecord & { state: 'completed' };
  copy.id = `${real.id}-${id}${options.finishedAt ? '-later' : ''}`;
  copy.hardware = { ...copy.hardware, unit: { id, source: 'env', label } };
  if (options.powerMode) copy.hardware = { ...copy.hardware, jetson: { model: 'NVIDIA Orin NX Developer Kit', l4tRelease: '36.4.4', l4tBoard: 'generic', powerMode: { name: options.powerMode, id: 0 }, clocks: { locked: true, detail: '', powerMode: options.powerMode } } };
  if (options.finishedAt) copy.finishedAt = options.finishedAt;
  if (options.scale) {
    copy.samplesMs = copy.samplesMs.map((x) => x * options.scale!);
    copy.latencyMs = { ...copy.latencyMs, p50: copy.latencyMs.p50 * options.scale, p99: copy.latencyMs.p99 * options.scale };
  }
  return copy;
}

function build(records: RunRecord[]) {
  const matrix = new FleetMatrix();
  for (const record of records) matrix.add(summarizeRun(record, `runs/${record.id}.json`), record);
  return matrix.report('a'.repeat(64));
}

describe('FleetMatrix', () => {
  it('flags the unit slower than its siblings, one-sided, and not the others', () => {
    const fleet = build([asUnit('gpu-a', 'rack-1'), asUnit('gpu-b', null), asUnit('gpu-c', 'slow', { scale: 1.25 })]);
    expect(fleet.cells).toHaveLength(3);
    const byUnit = new Map(fleet.cells.map((c) => [c.unit.name, c]));
    const slow = byUnit.get('slow')!;
    // scipy.stats.mannwhitneyu(slow, a + b, method='asymptotic', alternative='greater'), python3-scipy 1.17.1.
    expect(slow.siblings?.pValue).toBeCloseTo(1.6995225484242171e-43, 50);
    expect(slow.siblings?.threshold).toBe(FLEET_ALPHA / 3);
    expect(slow.siblings?.slower).toBe(true);
    expect(slow.siblings?.medianRatio).toBeCloseTo(1.25, 10);
    // The same for an unchanged unit against the other two: far from significant.
    expect(byUnit.get('rack-1')!.siblings?.pValue).toBeCloseTo(0.9999999999972236, 10);
    expect(byUnit.get('rack-1')!.siblings?.slower).toBe(false);
    expect(byUnit.get('gpu-b')!.siblings?.slower).toBe(false);
    const [group] = fleet.groups;
    expect(group).toMatchObject({ units: 3, slowerUnits: ['slow'], engine: 'ONNX Runtime (webgpu)', powerMode: 'not stated', clocks: 'not stated' });
    expect(group!.p50Spread).toBeCloseTo(0.25, 10);
  });

  it('keeps the newest run of a cell, counts the older, and tells power modes apart', () => {
    const fleet = build([asUnit('orin-1', null, { powerMode: 'MAXN' }), asUnit('orin-1', null, { powerMode: 'MAXN', finishedAt: '2099-01-01T00:00:00.000Z' }), asUnit('orin-2', null, { powerMode: '15W' })]);
    expect(fleet.cells).toHaveLength(2);
    const maxn = fleet.cells.find((c) => c.powerMode === 'MAXN (mode 0)')!;
    expect(maxn).toMatchObject({ runs: 2, finishedAt: '2099-01-01T00:00:00.000Z', clocks: 'locked (jetson_clocks)' });
    // Two units of one kind, but in different power modes: not siblings.
    expect(fleet.cells.every((c) => c.siblings === null)).toBe(true);
    expect(new Set(fleet.cells.map((c) => c.kindKey)).size).toBe(1);
  });

  it('draws the same cells in Markdown, HTML, CSV and JSON, naming the evidence kind', () => {
    const fleet = build([asUnit('gpu-a', 'rack-1'), asUnit('gpu-c', 'slow', { scale: 1.25 })]);
    const ctx = { generatedAt: new Date('2026-12-06T00:00:00Z') };
    const md = renderFleetReport(fleet, 'md', ctx);
    expect(md).toContain('| rack-1 (gpu-a) | resnet50.onnx | ONNX Runtime (webgpu) |');
    expect(md).toMatch(/\| slow \(gpu-c\) .*\| measured \|.*SLOWER: ×1\.25, p = /);
    expect(renderFleetReport(fleet, 'html', ctx)).toContain('<td>SLOWER: ×1.25');
    const csv = renderFleetReport(fleet, 'csv', ctx).trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[0]).toMatch(/^hardware_kind,unit,unit_id,unit_source,/);
    expect(JSON.parse(renderFleetReport(fleet, 'json', ctx)).cells).toHaveLength(2);
    expect(fleetSections(fleet).map((s) => s.title)).toEqual(['Overview', fleet.cells[0]!.kindLabel]);
    expect(fleetMatrixTable(fleet.cells).rows.map((r) => r[7])).toEqual(['measured', 'measured']);
  });
});
