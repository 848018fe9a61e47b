import { REPORT_FORMATS } from '../api/report-formats.js';
import type { Exporter } from './exporter.js';

/**
 * The records themselves, under `runs` (`RunRecordSchema.array()` reads them back), beside `ledger`:
 * the workspace head they were read at and the signed head, to pin. Keys are sorted at every level
 * so that two exports of the same runs are byte-identical and a diff shows only what changed,
 * whatever order the record was built in.
 */
export const jsonExporter: Exporter = {
  format: 'json',
  ...REPORT_FORMATS.json,
  async render(runs, ctx) {
    const ledger = { head: ctx.ledgerHead ?? null, signedHead: ctx.signedHead ?? null };
    // Only when a run came in a bundle, so a report of runs measured here reads as before.
    const merged = ctx.merged && Object.keys(ctx.merged).length > 0 ? { merged: ctx.merged } : {};
    return JSON.stringify({ ledger, runs, ...merged }, sortedKeys, 2) + '\n';
  },
};

function sortedKeys(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}
