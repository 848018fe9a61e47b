import type { TradeoffFamily, TradeoffVariant, TradeoffView } from '../api/tradeoff.js';
import { money, NOT_MEASURED_TEXT, NOT_STATED, STATED_BY_USER } from './brief-sections.js';
import { formatDecimal, formatMs, formatPerSecond } from './format-values.js';
import { tableBlock, textBlock, type ReportSection } from './sections/report-section.js';
import { column, type Table } from './table.js';

/**
 * The tradeoff report as sections every face draws alike (Markdown, HTML, the app's Tradeoff screen):
 * per family, a table of its variants with the Pareto front starred, how the family was formed and
 * the dominance rule. Pure: the lab builds the TradeoffView, this only lays it out.
 */
export function tradeoffSections(view: TradeoffView): ReportSection[] {
  const sections: ReportSection[] = view.families.map((family) => ({
    key: 'tradeoff-family',
    title: family.name,
    blocks: [
      textBlock(familySummary(family)),
      tableBlock(tradeoffFamilyTable(family), 'Variants (★ on the Pareto front)', frontNote(family, view.rule)),
    ],
  }));
  sections.push({ key: 'tradeoff-rules', title: 'How the table is made', blocks: [{ kind: 'lines', items: [view.familyRule, view.rule, `Hardware prices are ${STATED_BY_USER}, not measured (edgelab price set); cost per stream = price / the streams one device carries at the frame rate its targets ask for, as the brief computes it.`] }] });
  if (view.leftOut.length > 0) sections.push({ key: 'tradeoff-left-out', title: 'Runs left out', blocks: [{ kind: 'lines', items: view.leftOut.map((r) => `${r.id}: ${r.reason}`) }] });
  return sections;
}

export function familySummary(family: TradeoffFamily): string {
  const front = family.variants.filter((v) => v.pareto).map((v) => v.name);
  const how = family.groupedBy === 'family tag' ? 'grouped by its family tag' : `grouped by labelled set ${family.labels?.name ?? ''} and input shape ${family.inputShape ?? 'not recorded'}`;
  const count = `${family.variants.length} variant${family.variants.length === 1 ? '' : 's'}`;
  return `${count}, ${how}. On the Pareto front (${family.objectives.join(', ')}): ${front.length > 0 ? front.join(', ') : 'none ranked'}.`;
}

function frontNote(family: TradeoffFamily, rule: string): string {
  const cost = family.costLeftOut ? ` Cost is not an objective here: ${family.costLeftOut}.` : '';
  return `${rule} Objectives used: ${family.objectives.join(', ')}.${cost}`;
}

/** "mAP 0.412" with the drop and its interval: "−0.8 points (95 % CI −1.3 to −0.3; 1000 resamples) vs run X". */
export function accuracyCell(v: TradeoffVariant): string {
  return `${v.accuracy.metric} ${v.accuracy.value.toFixed(3)}`;
}

export function dropCell(v: TradeoffVariant): string {
  const d = v.drop;
  if (!d) return 'no reference';
  const pts = (x: number) => `${x < 0 ? '−' : x > 0 ? '+' : ''}${Math.abs(x * 100).toFixed(1)}`;
  return `${pts(d.difference)} points (${Math.round(d.confidence * 100)} % CI ${pts(d.low)} to ${pts(d.high)}; ${d.resamples} resamples) vs ${d.referenceRun}`;
}

/** The engine as the pass named it; the provider is added when that name does not already carry it. */
export function engineCell(v: TradeoffVariant): string {
  return v.engine.includes(`(${v.executionProvider})`) ? v.engine : `${v.engine} / ${v.executionProvider}`;
}

export function priceCell(v: TradeoffVariant): string {
  return v.price ? `${money(v.price.amount, v.price.currency)} per device, ${STATED_BY_USER}` : NOT_STATED;
}

export function costPerStreamCell(v: TradeoffVariant): string {
  if (!v.price) return NOT_STATED;
  if (v.costPerStream !== null) return `${money(v.costPerStream, v.price.currency)} (${v.streams} × ${v.streamFps} FPS)`;
  if (v.streams === 0) return 'carries no full stream';
  return 'no stream rate (set a frame-rate or latency target)';
}

export function frontCell(v: TradeoffVariant): string {
  if (v.unranked) return `not ranked: ${v.unranked}`;
  return v.pareto ? '★' : `dominated by ${v.dominatedBy.join(', ')}`;
}

const COLUMNS = [
  column('Variant'), column('Engine / EP'), column('Precision'), column('Accuracy', 'right'), column('Drop vs reference'), column('p50 ms', 'right'), column('p99 ms', 'right'),
  column('Throughput', 'right'), column('J/inference', 'right'), column('Hardware'), column('Price'), column('Cost per stream'), column('Pareto'), column('Runs'),
];

export function tradeoffFamilyTable(family: TradeoffFamily): Table {
  return {
    columns: COLUMNS,
    rows: family.variants.map((v) => [
      v.name,
      engineCell(v),
      v.precision,
      accuracyCell(v),
      dropCell(v),
      formatMs(v.p50Ms),
      formatMs(v.p99Ms),
      v.throughputPerS === null ? NOT_MEASURED_TEXT : formatPerSecond(v.throughputPerS),
      v.joulesPerInference === null ? NOT_MEASURED_TEXT : formatDecimal(v.joulesPerInference),
      v.hardwareLabel,
      priceCell(v),
      costPerStreamCell(v),
      frontCell(v),
      [v.passRunId, v.timedRunId].filter((id) => id !== null).join(', '),
    ]),
  };
}
