import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RunListItem } from '../../../core/api/lab-api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ExportPanel } from '../components/export-panel.js';
import { RunLink } from '../components/run-link.js';
import { StatusMark } from '../components/status-mark.js';
import { VerifyPanel } from '../components/verify-panel.js';
import { formatLocalTime, formatMs } from '../../../core/present/format-values.js';
import { isSortKey, runListPage, unitChoices, type SortDirection, type SortKey } from '../history/run-list-view.js';
import { provenanceLabel, unitText } from '../../../core/present/provenance-label.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

const STATES = ['', 'completed', 'failed', 'cancelled', 'summary-only', 'observed'] as const;

const COLUMNS: Array<{ key: SortKey; title: string; numeric?: boolean }> = [
  { key: 'started', title: 'Started' },
  { key: 'model', title: 'Model' },
  { key: 'kind', title: 'Kind' },
  { key: 'provider', title: 'Provider' },
  { key: 'hardware', title: 'Hardware' },
  { key: 'state', title: 'State' },
  { key: 'p50', title: 'p50 ms', numeric: true },
  { key: 'p99', title: 'p99 ms', numeric: true },
  { key: 'verdict', title: 'Verdict' },
];

interface Props {
  /** Search, state, sort and page as the URL holds them, so back/forward and links keep them. */
  query: Record<string, string>;
  onQuery: (query: Record<string, string>) => void;
  onCompare: (runIds: string[]) => void;
}

/**
 * Every run in the workspace: one compact row each, sortable columns, pages of 50, a substring
 * search over model, label, tags and id. The list is read once (summaries, not samples) and
 * searched here, so typing does not wait on the server.
 */
export function HistoryScreen({ query, onQuery, onCompare }: Props) {
  const lab = useLab();
  const [selected, setSelected] = useState<string[]>([]);
  const list = useCall(useCallback(() => lab.runs({}), [lab]));
  const { run: loadRuns } = list;
  useEffect(() => void loadRuns(), [loadRuns]);

  const search = query['q'] ?? '';
  const state = STATES.includes(query['state'] as (typeof STATES)[number]) ? (query['state'] as string) : '';
  const sort: SortKey = isSortKey(query['sort']) ? query['sort'] : 'started';
  const direction: SortDirection = query['dir'] === 'asc' ? 'asc' : 'desc';
  const page = Number(query['page'] ?? '1');
  const unit = query['unit'] ?? '';
  const units = useMemo(() => unitChoices(list.result ?? []), [list.result]);
  const view = useMemo(() => runListPage(list.result ?? [], { search, state, unit, sort, direction, page }), [list.result, search, state, unit, sort, direction, page]);

  const set = (changes: Record<string, string>) => onQuery({ ...query, page: '1', ...changes });
  const sortBy = (key: SortKey) => set({ sort: key, dir: key === sort && direction === 'desc' ? 'asc' : 'desc' });
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  return (
    <section aria-labelledby="history-heading">
      <h1 id="history-heading">History</h1>
      <form className="row" role="search" aria-label="Search runs" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="run-search">Search</label>
        <input id="run-search" type="search" className="wide" placeholder="model, label, tag, run id, hardware or imported" value={search} onChange={(e) => set({ q: e.target.value })} />
        <label htmlFor="filter-state">State</label>
        <select id="filter-state" value={state} onChange={(e) => set({ state: e.target.value })}>
          {STATES.map((s) => <option key={s} value={s}>{s === '' ? 'any' : s}</option>)}
        </select>
        <label htmlFor="filter-unit">Device</label>
        <select id="filter-unit" value={unit} onChange={(e) => set({ unit: e.target.value })}>
          <option value="">any</option>
          {units.map((u) => <option key={u.key} value={u.key}>{u.text}</option>)}
        </select>
        <button type="button" disabled={list.busy} onClick={() => void loadRuns()}>Reload</button>
      </form>
      <ErrorNotice error={list.error} />
      <div className="row">
        <button type="button" className="primary" disabled={selected.length < 2} onClick={() => onCompare(selected)}>
          Compare selected ({selected.length})
        </button>
        {selected.length > 0 ? <button type="button" onClick={() => setSelected([])}>Clear selection</button> : null}
      </div>
      {list.result === undefined ? null : view.matching === 0 ? (
        <p className="muted">{list.result.length === 0 ? 'No runs yet: start one on the Run screen.' : 'No runs match.'}</p>
      ) : (
        <RunTable runs={view.rows} caption={`${view.matching} of ${list.result.length} runs, sorted by ${COLUMNS.find((c) => c.key === sort)?.title ?? sort} (${direction === 'asc' ? 'ascending' : 'descending'})`} sort={sort} direction={direction} onSort={sortBy} selected={selected} onToggle={toggle} />
      )}
      {view.pageCount > 1 ? (
        <nav className="row pager" aria-label="Pages">
          <button type="button" disabled={view.page <= 1} onClick={() => onQuery({ ...query, page: String(view.page - 1) })}>Previous</button>
          <span>Page {view.page} of {view.pageCount}</span>
          <button type="button" disabled={view.page >= view.pageCount} onClick={() => onQuery({ ...query, page: String(view.page + 1) })}>Next</button>
        </nav>
      ) : null}
      {selected.length > 0 ? <ExportPanel runIds={selected} /> : null}
      <VerifyPanel onAccepted={() => void loadRuns()} />
    </section>
  );
}

interface TableProps {
  runs: RunListItem[];
  caption: string;
  sort: SortKey;
  direction: SortDirection;
  onSort: (key: SortKey) => void;
  selected: string[];
  onToggle: (id: string) => void;
}

function RunTable({ runs, caption, sort, direction, onSort, selected, onToggle }: TableProps) {
  return (
    <table className="runs compact">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col"><span className="visually-hidden">Select</span></th>
          <th scope="col">Run</th>
          {COLUMNS.map((c) => (
            <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={sort === c.key ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}>
              <button type="button" className="sort" onClick={() => onSort(c.key)}>
                {c.title}{sort === c.key ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}
              </button>
            </th>
          ))}
          <th scope="col">Label</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} className={selected.includes(r.id) ? 'selected' : undefined}>
            <td><input type="checkbox" data-request-field="compareRuns.ids" aria-label={`Select run ${r.id}`} checked={selected.includes(r.id)} onChange={() => onToggle(r.id)} /></td>
            <td><RunLink runId={r.id} /></td>
            <td className="nowrap">{formatLocalTime(r.startedAt)}</td>
            <td className="mono model" title={r.modelName}>{r.modelName}</td>
            <td className="kind-cell">{r.evidence === 'imported' ? <span className="evidence-imported" title="Read from another tool's files; edgelab did not measure it, and it never checks a measured ladder item.">imported</span> : null}{r.evidence === 'imported' && r.runKind ? ' ' : ''}{r.runKind ?? ''}</td>
            <td>{r.executionProvider ?? '–'}</td>
            <td className="hardware" title={[r.hardwareLabel, r.accelerator, unitText(r.unit)].filter(Boolean).join(' · ') || undefined}>{r.hardwareLabel ?? '–'}{r.accelerator ? <div className="muted">{r.accelerator}</div> : null}{r.unit ? <div className="muted unit">unit {unitText(r.unit)}</div> : null}{r.provenance?.kind === 'merged' ? <div className="evidence-merged">{provenanceLabel(r.provenance)}</div> : null}</td>
            <td><StatusMark status={r.state} title={r.error} /></td>
            <td className="num">{formatMs(r.p50Ms)}</td>
            <td className="num">{formatMs(r.p99Ms)}</td>
            <td>{r.verdict === 'none' ? <span className="muted">no targets</span> : <StatusMark status={r.verdict} />}{r.notVerified ? <span className="badge not-verified" title={`Not evidence: ${r.notVerified}. See edgelab runs verify.`}>not verified</span> : null}</td>
            <td className="label">{r.label ?? ''}{r.tags.length > 0 ? <span className="muted"> {r.tags.map((t) => `#${t}`).join(' ')}</span> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
