import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { RunFilterRequest, RunListItem } from '../../../core/api/lab-api.js';
import type { RunRecord } from '../../../core/api/run-record.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ExportPanel } from '../components/export-panel.js';
import { formatDate, formatMs } from '../format.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

const STATES = ['', 'completed', 'failed', 'cancelled'] as const;

export function HistoryScreen({ onOpen }: { onOpen: (record: RunRecord) => void }) {
  const lab = useLab();
  const [filter, setFilter] = useState({ model: '', tag: '', state: '' as (typeof STATES)[number] });
  const [selected, setSelected] = useState<string[]>([]);
  const list = useCall(useCallback((f: RunFilterRequest) => lab.runs(f), [lab]));
  const open = useCall(useCallback((id: string) => lab.run(id), [lab]));
  const compare = useCall(useCallback((a: string, b: string) => lab.compare(a, b), [lab]));
  const { run: loadRuns } = list;

  const search = useCallback(() => {
    const f: RunFilterRequest = {};
    if (filter.model.trim()) f.model = filter.model.trim();
    if (filter.tag.trim()) f.tag = filter.tag.trim();
    if (filter.state) f.state = filter.state;
    void loadRuns(f);
  }, [filter, loadRuns]);

  // Load once on mount; later searches happen on submit.
  useEffect(() => search(), []);

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const openRun = async (id: string) => {
    const record = await open.run(id);
    if (record) onOpen(record);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    search();
  };
  const [a, b] = selected;
  const runs = list.result ?? [];

  return (
    <section aria-labelledby="history-heading">
      <h1 id="history-heading">History</h1>
      <form className="row" onSubmit={submit} aria-label="Filter runs">
        <label htmlFor="filter-model">Model</label>
        <input id="filter-model" type="text" value={filter.model} onChange={(e) => setFilter({ ...filter, model: e.target.value })} />
        <label htmlFor="filter-tag">Tag</label>
        <input id="filter-tag" type="text" value={filter.tag} onChange={(e) => setFilter({ ...filter, tag: e.target.value })} />
        <label htmlFor="filter-state">State</label>
        <select id="filter-state" value={filter.state} onChange={(e) => setFilter({ ...filter, state: e.target.value as (typeof STATES)[number] })}>
          {STATES.map((s) => <option key={s} value={s}>{s === '' ? 'any' : s}</option>)}
        </select>
        <button type="submit" disabled={list.busy}>Filter</button>
      </form>
      <ErrorNotice error={list.error ?? open.error ?? compare.error} />
      <RunTable runs={runs} selected={selected} onToggle={toggle} onOpen={(id) => void openRun(id)} />
      <div className="row">
        <button type="button" disabled={selected.length !== 2 || compare.busy} onClick={() => a && b && void compare.run(a, b)}>
          Compare selected ({selected.length}/2)
        </button>
        {selected.length > 0 ? <button type="button" onClick={() => setSelected([])}>Clear selection</button> : null}
      </div>
      {compare.result ? (
        <section aria-labelledby="compare-heading">
          <h2 id="compare-heading">Comparison</h2>
          <pre className="compare">{compare.result.text}</pre>
        </section>
      ) : null}
      {selected.length > 0 ? <ExportPanel runIds={selected} /> : null}
    </section>
  );
}

interface TableProps {
  runs: RunListItem[];
  selected: string[];
  onToggle: (id: string) => void;
  onOpen: (id: string) => void;
}

function RunTable({ runs, selected, onToggle, onOpen }: TableProps) {
  if (runs.length === 0) return <p className="muted">No runs match.</p>;
  return (
    <table className="runs">
      <caption>{runs.length} runs, newest first</caption>
      <thead>
        <tr>
          <th scope="col"><span className="visually-hidden">Select</span></th>
          <th scope="col">Started</th><th scope="col">Model</th><th scope="col">Label</th><th scope="col">Provider</th>
          <th scope="col">State</th><th scope="col" className="num">Iterations</th><th scope="col" className="num">p50 ms</th>
          <th scope="col" className="num">p99 ms</th><th scope="col">Verdict</th><th scope="col">Hardware</th><th scope="col"><span className="visually-hidden">Open</span></th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} className={selected.includes(r.id) ? 'selected' : undefined}>
            <td><input type="checkbox" aria-label={`Select run ${r.id}`} checked={selected.includes(r.id)} onChange={() => onToggle(r.id)} /></td>
            <td>{formatDate(r.startedAt)}</td>
            <td className="mono">{r.modelName}{r.evidence === 'imported' ? <> <span className="evidence-imported" title="Read from another tool's files; edgelab did not measure it, and it never checks a measured ladder item.">imported</span></> : null}</td>
            <td>{r.label ?? ''}{r.tags.length > 0 ? <span className="muted"> {r.tags.map((t) => `#${t}`).join(' ')}</span> : null}</td>
            <td>{r.executionProvider ?? '–'}</td>
            <td><span className={`state state-${r.state}`} title={r.error}>{r.state}</span></td>
            <td className="num">{r.iterations}</td>
            <td className="num">{formatMs(r.p50Ms)}</td>
            <td className="num">{formatMs(r.p99Ms)}</td>
            <td>
              {r.verdict === 'none' ? '–' : <span className={`verdict verdict-${r.verdict}`}>{r.verdict}</span>}
              {r.notVerified ? <span className="badge not-verified" title={`Not evidence: ${r.notVerified}. See edgelab runs verify.`}>not verified</span> : null}
            </td>
            <td>{r.hardwareLabel ?? '–'}{r.accelerator ? <div className="muted">{r.accelerator}</div> : null}</td>
            <td><button type="button" onClick={() => onOpen(r.id)} aria-label={`Open run ${r.id}`}>Open</button></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
