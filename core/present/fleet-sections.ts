import type { FleetCell, FleetGroup, FleetReport } from '../api/fleet-report.js';
import { formatDecimal, formatMs, formatPercent, NOT_MEASURED, shortHash } from './format-values.js';
import { provenanceLabel } from './provenance-label.js';
import { tableBlock, textBlock, type ReportSection } from './sections/report-section.js';
import { column, type Table } from './table.js';

/**
 * The fleet report as sections every face draws alike (Markdown, HTML, the app's Fleet screen): a
 * matrix per hardware kind, the unit-to-unit spread of each model there, and how the slower-unit flag
 * was decided. Pure: the lab builds the FleetReport, this only lays it out.
 */
export function fleetSections(fleet: FleetReport): ReportSection[] {
  const kinds = [...new Set(fleet.cells.map((c) => c.kindLabel))];
  const sections: ReportSection[] = [{ key: 'fleet-overview', title: 'Overview', blocks: [textBlock(fleetSummary(fleet))] }];
  for (const kind of kinds) {
    const cells = fleet.cells.filter((c) => c.kindLabel === kind);
    const groups = fleet.groups.filter((g) => g.kindLabel === kind && g.units >= 2);
    sections.push({
      key: 'fleet-kind',
      title: kind,
      blocks: [
        tableBlock(fleetMatrixTable(cells), 'Units × model × engine/precision (the newest completed run of each cell)'),
        ...(groups.length > 0 ? [tableBlock(fleetSpreadTable(groups), 'Unit-to-unit spread', slowerNote(fleet))] : [textBlock('One unit of this kind ran each model here: no spread to show.')]),
      ],
    });
  }
  if (fleet.leftOut.length > 0) sections.push({ key: 'fleet-left-out', title: 'Runs left out', blocks: [{ kind: 'lines', items: fleet.leftOut.map((r) => `${r.id}: ${r.reason}`) }] });
  return sections;
}

export function fleetSummary(fleet: FleetReport): string {
  const units = new Set(fleet.cells.map((c) => `${c.kindKey}\n${c.unit.name}`)).size;
  const kinds = new Set(fleet.cells.map((c) => c.kindKey)).size;
  const flagged = fleet.cells.filter((c) => c.siblings?.slower).length;
  const parts = [
    `${fleet.cells.length} ${fleet.cells.length === 1 ? 'cell' : 'cells'} from ${fleet.runsConsidered} ${fleet.runsConsidered === 1 ? 'run' : 'runs'} on ${units} ${units === 1 ? 'unit' : 'units'} of ${kinds} hardware ${kinds === 1 ? 'kind' : 'kinds'}`,
    flagged > 0 ? `${flagged} significantly slower than ${flagged === 1 ? 'its' : 'their'} siblings` : 'no unit significantly slower than its siblings',
  ];
  return `${parts.join('; ')}. Evidence ledger head: ${fleet.ledgerHead ?? '(empty)'}.`;
}

const MATRIX_COLUMNS = [
  column('Unit'), column('Model'), column('Engine'), column('Precision'), column('Scenario'), column('Power mode'), column('Clocks'), column('Evidence'),
  column('p50 ms', 'right'), column('p99 ms', 'right'), column('Throughput /s', 'right'), column('J/inference', 'right'), column('Verdict'), column('vs siblings'), column('Run'),
];

export function fleetMatrixTable(cells: readonly FleetCell[]): Table {
  return {
    columns: MATRIX_COLUMNS,
    rows: cells.map((c) => [
      c.unit.label && c.unit.id ? `${c.unit.label} (${c.unit.id})` : c.unit.name,
      c.model,
      c.engine,
      c.precision,
      c.scenario,
      c.powerMode,
      c.clocks,
      provenanceLabel(c.provenance),
      formatMs(c.p50Ms),
      formatMs(c.p99Ms),
      c.throughputPerS === null ? NOT_MEASURED : formatDecimal(c.throughputPerS),
      c.joulesPerInference === null ? NOT_MEASURED : formatDecimal(c.joulesPerInference),
      c.verdict === 'none' ? NOT_MEASURED : c.verdict,
      siblingText(c),
      `${c.runId}${c.runs > 1 ? ` (+${c.runs - 1} older)` : ''}`,
    ]),
  };
}

/** "slower: ×1.31, p = 2.1e-9" / "×0.98, p = 0.62" / "–" when there is nothing to compare with. */
export function siblingText(cell: FleetCell): string {
  const s = cell.siblings;
  if (!s) return NOT_MEASURED;
  return `${s.slower ? 'SLOWER: ' : ''}×${s.medianRatio.toFixed(2)}, p = ${formatP(s.pValue)}`;
}

export function fleetSpreadTable(groups: readonly FleetGroup[]): Table {
  return {
    columns: [column('Model'), column('Engine'), column('Precision'), column('Scenario'), column('Power mode'), column('Clocks'), column('Units', 'right'), column('p50 fastest–slowest ms', 'right'), column('Spread', 'right'), column('Significantly slower')],
    rows: groups.map((g) => [
      g.model,
      g.engine,
      g.precision,
      g.scenario,
      g.powerMode,
      g.clocks,
      String(g.units),
      g.p50MinMs === null || g.p50MaxMs === null ? NOT_MEASURED : `${formatMs(g.p50MinMs)}–${formatMs(g.p50MaxMs)}`,
      formatPercent(g.p50Spread),
      g.slowerUnits.length > 0 ? g.slowerUnits.join(', ') : 'none',
    ]),
  };
}

function slowerNote(fleet: FleetReport): string {
  return `${fleet.method} Spread: (slowest p50 − fastest p50) / fastest p50.`;
}

/** Two significant digits, in exponent form below 0.001: a p-value's size is what matters. */
export function formatP(p: number): string {
  if (p === 0) return '0';
  return p < 0.001 ? p.toExponential(1) : p.toPrecision(2);
}

/** A cell's model with a short hash, for places that must tell two files of one name apart. */
export function cellModelName(cell: Pick<FleetCell, 'model' | 'modelSha256'>): string {
  return cell.modelSha256 ? `${cell.model} (${shortHash(cell.modelSha256)})` : cell.model;
}
