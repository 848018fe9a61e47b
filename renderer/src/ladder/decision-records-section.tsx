import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DecisionRecordRequest } from '../../../core/api/decision-record.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RunLink } from '../components/run-link.js';
import { errorInFormWords } from '../form-wording.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

type Status = NonNullable<DecisionRecordRequest['status']>;
const STATUSES: Status[] = ['proposed', 'accepted', 'superseded', 'deprecated'];

/** `edgelab adr list` and `edgelab adr new` as a list and a form: decisions backed by runs. */
export function DecisionRecordsSection() {
  const lab = useLab();
  const list = useCall(useCallback(() => lab.decisionRecords(), [lab]));
  const create = useCall(useCallback((r: DecisionRecordRequest) => lab.newDecisionRecord(r), [lab]));
  const { run: load } = list;
  useEffect(() => void load(), [load]);
  const [form, setForm] = useState({ title: '', status: 'proposed' as Status, runs: '', context: '', decision: '', consequences: '' });
  const [saved, setSaved] = useState('');
  const set = (key: keyof typeof form, value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved('');
    const runIds = form.runs.split(/[\s,]+/).filter((id) => id !== '');
    const result = await create.run({
      title: form.title, status: form.status, runIds,
      ...(form.context.trim() ? { context: form.context.trim() } : {}),
      ...(form.decision.trim() ? { decision: form.decision.trim() } : {}),
      ...(form.consequences.trim() ? { consequences: form.consequences.trim() } : {}),
    });
    if (result) {
      setSaved(`Wrote ${result.file}.`);
      setForm({ title: '', status: 'proposed', runs: '', context: '', decision: '', consequences: '' });
      void load();
    }
  };

  return (
    <section aria-labelledby="adr-heading">
      <h2 id="adr-heading">Decision records</h2>
      <p className="muted">One Markdown file per decision in the workspace's adr/ folder (context, decision, consequences, and the runs that back it), as <code>edgelab adr new</code> writes them.</p>
      <ErrorNotice error={list.error} />
      {list.result && list.result.length > 0 ? (
        <table className="runs">
          <thead><tr><th scope="col">#</th><th scope="col">Date</th><th scope="col">Status</th><th scope="col">Title</th><th scope="col">Runs</th><th scope="col">File</th></tr></thead>
          <tbody>
            {list.result.map((r) => (
              <tr key={r.number}>
                <td className="num">{String(r.number).padStart(4, '0')}</td><td>{r.date}</td><td>{r.status}</td><td>{r.title}</td>
                <td>{r.runIds.map((id) => <span key={id}><RunLink runId={id} /> </span>)}</td>
                <td className="mono">{r.file}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : list.result ? <p className="muted">No decision records yet.</p> : null}
      <form className="stack" onSubmit={(e) => void submit(e)} aria-label="New decision record">
        <div className="field"><label htmlFor="adr-title">Decision title</label><input id="adr-title" data-request-field="newDecisionRecord.request.title" type="text" value={form.title} onChange={(e) => set('title', e.target.value)} placeholder="Run the detector in INT8 on the Jetson" /></div>
        <div className="field">
          <label htmlFor="adr-status">Status</label>
          <select id="adr-status" data-request-field="newDecisionRecord.request.status" value={form.status} onChange={(e) => set('status', e.target.value)}>{STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}</select>
        </div>
        <div className="field"><label htmlFor="adr-runs">Runs that back it (ids, separated by spaces or commas)</label><input id="adr-runs" data-request-field="newDecisionRecord.request.runIds" type="text" className="mono" value={form.runs} onChange={(e) => set('runs', e.target.value)} spellCheck={false} /></div>
        <div className="field"><label htmlFor="adr-context">Context</label><textarea id="adr-context" data-request-field="newDecisionRecord.request.context" rows={2} value={form.context} onChange={(e) => set('context', e.target.value)} /></div>
        <div className="field"><label htmlFor="adr-decision">Decision</label><textarea id="adr-decision" data-request-field="newDecisionRecord.request.decision" rows={2} value={form.decision} onChange={(e) => set('decision', e.target.value)} /></div>
        <div className="field"><label htmlFor="adr-consequences">Consequences</label><textarea id="adr-consequences" data-request-field="newDecisionRecord.request.consequences" rows={2} value={form.consequences} onChange={(e) => set('consequences', e.target.value)} /></div>
        <div className="row"><button type="submit" disabled={create.busy}>Write the decision record</button>{saved ? <span role="status">{saved}</span> : null}</div>
      </form>
      <ErrorNotice error={errorInFormWords(create.error)} />
    </section>
  );
}
