import { FLEET_ALPHA, FLEET_METHOD, FLEET_MIN_SAMPLES, type FleetCell, type FleetGroup, type FleetReport, type SiblingTest } from '../api/fleet-report.js';
import { deriveRunProvenance, type RunProvenance } from '../api/run-provenance.js';
import type { RunRecord } from '../api/run-record.js';
import type { RunSummary } from '../api/run-summary.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { quantileSorted, sortedAscending } from '../stats/quantile.js';
import { cellFacts, type CellFacts } from './fleet-cell-facts.js';

interface Kept {
  facts: CellFacts;
  summary: RunSummary;
  provenance: RunProvenance;
  samples: readonly number[];
  runs: number;
}

/**
 * Builds the fleet report one record at a time: each cell keeps only its newest completed run and
 * that run's samples, so a workspace of many runs is read in memory bounded by its cells.
 */
export class FleetMatrix {
  private readonly cells = new Map<string, Kept>();
  private readonly leftOut: FleetReport['leftOut'] = [];
  private considered = 0;

  /** A run the listing marked, or one that has no figure to show, is named with why it is left out. */
  leaveOut(id: string, reason: string): void {
    this.considered++;
    this.leftOut.push({ id, reason });
  }

  add(summary: RunSummary, record: RunRecord): void {
    this.considered++;
    if (summary.p50LatencyMs === null) {
      this.leftOut.push({ id: summary.id, reason: record.state === 'completed' ? 'no latency figures' : `${record.state} run` });
      return;
    }
    const facts = cellFacts(record, summary);
    const provenance = summary.provenance ?? deriveRunProvenance(summary.evidence, null);
    const key = JSON.stringify([facts.kindKey, facts.unit.id, facts.unit.name, facts.modelSha256 ?? facts.model, facts.engine, facts.precision, facts.scenario, facts.powerMode, facts.clocks, provenance.kind]);
    const kept = this.cells.get(key);
    if (kept && kept.summary.finishedAt >= summary.finishedAt) {
      kept.runs++;
      return;
    }
    this.cells.set(key, { facts, summary, provenance, samples: record.samplesMs, runs: (kept?.runs ?? 0) + 1 });
  }

  report(ledgerHead: string | null): FleetReport {
    const cells = [...this.cells.values()];
    const groups = new Map<string, Kept[]>();
    for (const cell of cells) {
      const key = JSON.stringify([cell.facts.kindKey, cell.facts.modelSha256 ?? cell.facts.model, cell.facts.engine, cell.facts.precision, cell.facts.scenario, cell.facts.powerMode, cell.facts.clocks]);
      groups.set(key, [...(groups.get(key) ?? []), cell]);
    }
    const tests = new Map<Kept, SiblingTest>();
    for (const members of groups.values()) for (const [cell, test] of siblingTests(members)) tests.set(cell, test);
    const fleetCells = cells.map((cell) => toFleetCell(cell, tests.get(cell) ?? null)).sort(byPlace);
    const fleetGroups = [...groups.values()].map((members) => toFleetGroup(members, tests)).sort(byPlace);
    return { cells: fleetCells, groups: fleetGroups, runsConsidered: this.considered, leftOut: this.leftOut, alpha: FLEET_ALPHA, method: FLEET_METHOD, ledgerHead };
  }
}

/**
 * Each unit's samples against the pooled samples of the other units in its group, one-sided. Units
 * are distinct boards: two cells of one unit (measured here and merged) are not siblings of each other.
 */
function siblingTests(members: readonly Kept[]): Array<[Kept, SiblingTest]> {
  const tested = members.filter((m) => m.samples.length >= FLEET_MIN_SAMPLES);
  const units = new Set(tested.map((m) => m.facts.unit.name));
  if (units.size < 2) return [];
  const threshold = FLEET_ALPHA / units.size;
  return tested.map((cell) => {
    const siblings = tested.filter((m) => m.facts.unit.name !== cell.facts.unit.name).flatMap((m) => m.samples);
    const result = mannWhitneyU(cell.samples, siblings, 'greater');
    const medianRatio = median(cell.samples) / median(siblings);
    return [cell, { units: units.size, statistic: result.statistic, z: result.z, pValue: result.pValue, threshold, medianRatio, slower: result.pValue < threshold }];
  });
}

function median(values: readonly number[]): number {
  return quantileSorted(sortedAscending(values), 0.5);
}

function toFleetCell({ facts, summary, provenance, samples, runs }: Kept, siblings: SiblingTest | null): FleetCell {
  return {
    kindKey: facts.kindKey,
    kindLabel: facts.kindLabel,
    unit: facts.unit,
    model: facts.model,
    modelSha256: facts.modelSha256,
    engine: facts.engine,
    precision: facts.precision,
    scenario: facts.scenario,
    powerMode: facts.powerMode,
    clocks: facts.clocks,
    provenance,
    runId: summary.id,
    finishedAt: summary.finishedAt,
    runs,
    samples: samples.length,
    p50Ms: summary.p50LatencyMs,
    p99Ms: summary.p99LatencyMs,
    throughputPerS: summary.throughputPerS,
    joulesPerInference: facts.joulesPerInference,
    verdict: facts.verdict,
    siblings,
  };
}

function toFleetGroup(members: readonly Kept[], tests: ReadonlyMap<Kept, SiblingTest>): FleetGroup {
  const { facts } = members[0]!;
  const p50s = members.map((m) => m.summary.p50LatencyMs).filter((v): v is number => v !== null);
  const units = new Set(members.map((m) => m.facts.unit.name));
  const min = p50s.length > 0 ? Math.min(...p50s) : null;
  const max = p50s.length > 0 ? Math.max(...p50s) : null;
  return {
    kindKey: facts.kindKey,
    kindLabel: facts.kindLabel,
    model: facts.model,
    engine: facts.engine,
    precision: facts.precision,
    scenario: facts.scenario,
    powerMode: facts.powerMode,
    clocks: facts.clocks,
    units: units.size,
    p50MinMs: min,
    p50MaxMs: max,
    p50Spread: units.size >= 2 && min !== null && max !== null && min > 0 ? (max - min) / min : null,
    slowerUnits: members.filter((m) => tests.get(m)?.slower).map((m) => m.facts.unit.name),
  };
}

function byPlace(a: Pick<FleetCell, 'kindLabel' | 'model' | 'engine' | 'precision' | 'powerMode'> & { unit?: { name: string } }, b: typeof a): number {
  return a.kindLabel.localeCompare(b.kindLabel) || a.model.localeCompare(b.model) || a.engine.localeCompare(b.engine) || a.precision.localeCompare(b.precision) || a.powerMode.localeCompare(b.powerMode) || (a.unit?.name ?? '').localeCompare(b.unit?.name ?? '');
}
