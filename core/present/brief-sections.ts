import type { BriefOption, BriefView, PriceStatement } from '../api/brief.js';
import { formatDecimal, formatMsWithUnit } from './format-values.js';
import { column, type Table } from './table.js';

/**
 * The brief's parts as text, for its Markdown and HTML renderers and the app's Brief screen: a
 * reader who decides sees words and units, never field names.
 */
export const STATED_BY_USER = 'stated by the user';
export const NOT_STATED = 'not stated';
export const NOT_MEASURED_TEXT = 'not measured';

export function money(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

function accuracyCell(o: BriefOption): string {
  return o.accuracy ? `${(o.accuracy.value * 100).toFixed(1)} % ${o.accuracy.metric}` : NOT_MEASURED_TEXT;
}

function latencyCell(o: BriefOption): string {
  if (!o.latency) return NOT_MEASURED_TEXT;
  const measured = `${o.latency.metric} ${formatMsWithUnit(o.latency.valueMs)}`;
  if (o.latency.targetMs === null) return `${measured}, no target set`;
  return `${measured} against a target of ${formatMsWithUnit(o.latency.targetMs)}`;
}

export function verdictText(o: BriefOption): string {
  if (o.verdicts.length === 0) return 'no target set';
  if (o.passes) return o.verdicts.length === 1 ? `meets its target (${o.verdicts[0]!.target})` : `meets all ${o.verdicts.length} targets`;
  // A reader who decides must not read "not shown" as "missed": the two are said apart.
  const failed = o.verdicts.filter((v) => v.status === 'fail').map((v) => v.target);
  const open = o.verdicts.filter((v) => v.status !== 'pass' && v.status !== 'fail').map((v) => v.target);
  return [
    failed.length > 0 ? `misses ${failed.join(', ')}` : null,
    open.length > 0 ? `not shown to meet ${open.join(', ')} (the measurement could not decide: measure longer)` : null,
  ].filter((part) => part !== null).join('; ');
}

function streamsCell(o: BriefOption): string {
  if (o.fps === null) return NOT_MEASURED_TEXT;
  const fps = `${formatDecimal(o.fps)} inferences/s`;
  if (o.streams === null || o.streamFps === null) return fps;
  return `${o.streams} stream${o.streams === 1 ? '' : 's'} at ${Number.isInteger(o.streamFps) ? o.streamFps : formatDecimal(o.streamFps)} FPS (${fps})`;
}

function energyCell(o: BriefOption): string {
  return o.joulesPerInference === null ? NOT_MEASURED_TEXT : `${formatDecimal(o.joulesPerInference)} J per inference`;
}

export function costCell(o: BriefOption): string {
  if (o.price === null) return `${NOT_STATED} (no price for this hardware)`;
  const device = `${money(o.price.amount, o.price.currency)} per device, ${STATED_BY_USER}`;
  if (o.costPerStream === null) return o.streams === 0 ? `${device}; carries no full stream` : device;
  return `${money(o.costPerStream, o.price.currency)} per stream (${device})`;
}

/** The options side by side, one row each; the recommended one is marked. */
export function briefOptionsTable(view: BriefView): Table {
  return {
    columns: [column('Option'), column('Hardware'), column('Accuracy'), column('Latency'), column('Targets'), column('Streams per device'), column('Energy'), column('Hardware cost')],
    rows: view.options.map((o) => [
      `${o.name}${o.runId === view.recommendation.runId ? ' (recommended)' : ''}`,
      o.hardwareLabel,
      accuracyCell(o),
      latencyCell(o),
      verdictText(o),
      streamsCell(o),
      energyCell(o),
      costCell(o),
    ]),
  };
}

/** What to pin: the runs as evidence ids and the ledger head the brief was written at. */
export function briefEvidenceLines(view: BriefView): string[] {
  return [
    ...view.options.map((o) => `${o.name}: run ${o.runId} (${evidenceText(o)})`),
    `Workspace head to pin: ${view.ledgerHead ?? 'none (the workspace has no ledger entries)'}`,
  ];
}

function evidenceText(o: BriefOption): string {
  if (o.evidence === 'imported') return 'imported';
  if (o.evidence === 'merged-unsigned') return 'merged, unsigned';
  return o.mergedSignedBy !== undefined ? `measured by edgelab on another unit, merged from a bundle signed by ${o.mergedSignedBy}, a key this workspace trusts` : 'measured by edgelab';
}

export function briefAdrLine(view: BriefView): string | null {
  return view.adr ? `This brief comes from decision record ${view.adr.number}, "${view.adr.title}" (${view.adr.file}).` : null;
}

export function briefTitle(view: BriefView): string {
  return `Brief: ${view.question}`;
}

/** `edgelab price list`: the current price per hardware kind. */
export function priceTable(prices: readonly PriceStatement[], thisMachineKind: string | null): Table {
  return {
    columns: [column('Hardware'), column('Price', 'right'), column('Stated'), column('Kind')],
    rows: prices.map((p) => [
      `${p.hardwareLabel}${p.hardwareKind === thisMachineKind ? ' (this machine)' : ''}`,
      money(p.amount, p.currency),
      `${p.date.slice(0, 10)}, ${STATED_BY_USER}`,
      p.hardwareKind,
    ]),
  };
}
