import type { RunListItem } from '../../../core/api/lab-api.js';
import { provenanceLabel, unitText } from '../../../core/present/provenance-label.js';

/** Columns History sorts on; each reads one value of a run list row. */
export const SORT_KEYS = ['started', 'model', 'kind', 'provider', 'hardware', 'state', 'p50', 'p99', 'verdict'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export const PAGE_SIZE = 50;

const VERDICT_ORDER = { fail: 0, inconclusive: 1, pass: 2, none: 3 } as const;

function sortValue(run: RunListItem, key: SortKey): string | number | null {
  switch (key) {
    case 'started': return run.startedAt;
    case 'model': return run.modelName.toLowerCase();
    case 'kind': return run.runKind ?? '';
    case 'provider': return run.executionProvider;
    case 'hardware': return run.hardwareLabel;
    case 'state': return run.state;
    case 'p50': return run.p50Ms;
    case 'p99': return run.p99Ms;
    case 'verdict': return VERDICT_ORDER[run.verdict];
  }
}

/**
 * Substring search over what a person remembers a run by, and what the row shows: model file,
 * label, tags, run id, kind, provider, hardware, accelerator, state and the evidence badge
 * ("imported" finds every imported run, not only those whose label says so). Case-insensitive;
 * every word typed must match somewhere.
 */
export function matchesSearch(run: RunListItem, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const haystack = [
    run.modelName, run.label ?? '', ...run.tags, run.id, run.runKind ?? '', run.executionProvider ?? '',
    run.hardwareLabel ?? '', run.accelerator ?? '', run.state, run.evidence ?? 'measured', run.notVerified ? 'not verified' : '',
    unitText(run.unit) ?? '', provenanceLabel(run.provenance, run.evidence ?? 'measured'),
  ].join('\n').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** Sorted copy; a missing value (a failed run's p50) sorts last in either direction. */
export function sortRuns(runs: readonly RunListItem[], key: SortKey, direction: SortDirection): RunListItem[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...runs].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    const order = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return order !== 0 ? sign * order : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  });
}

export interface RunListPage {
  rows: RunListItem[];
  page: number;
  pageCount: number;
  matching: number;
}

/** The rows on one page of the search result; a page past the end shows the last one. */
export function runListPage(runs: readonly RunListItem[], options: { search: string; state: string; unit?: string; sort: SortKey; direction: SortDirection; page: number }): RunListPage {
  const unit = options.unit ?? '';
  const matching = runs.filter((r) => (options.state === '' || r.state === options.state) && (unit === '' || unitKey(r) === unit) && matchesSearch(r, options.search));
  const sorted = sortRuns(matching, options.sort, options.direction);
  const pageCount = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pageCount);
  return { rows: sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), page, pageCount, matching: sorted.length };
}

export function isSortKey(value: string | undefined): value is SortKey {
  return value !== undefined && (SORT_KEYS as readonly string[]).includes(value);
}

/** The device filter's value for a run: its unit id, or NO_UNIT for a record that names none. */
export const NO_UNIT = 'not-stated';
export function unitKey(run: RunListItem): string {
  return run.unit?.id ?? NO_UNIT;
}

/** The units the runs name, for the device filter: id and how it reads (label and id), by name. */
export function unitChoices(runs: readonly RunListItem[]): Array<{ key: string; text: string }> {
  const seen = new Map<string, string>();
  for (const run of runs) if (!seen.has(unitKey(run))) seen.set(unitKey(run), unitText(run.unit) ?? 'unit not stated');
  return [...seen].map(([key, text]) => ({ key, text })).sort((a, b) => a.text.localeCompare(b.text));
}
