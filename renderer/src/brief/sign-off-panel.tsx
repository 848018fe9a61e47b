import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SignOffDecision, SignOffRequest } from '../../../core/api/brief.js';
import { ErrorNotice } from '../components/error-notice.js';
import { errorInFormWords } from '../form-wording.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

const DECISION_NAMES: Record<SignOffDecision, string> = { accepted: 'Accepted', rejected: 'Rejected', changes: 'Changes asked for' };

/** `edgelab brief sign-off` and `edgelab brief list`: a decision bound to the file as written, and every brief with its decisions. */
export function SignOffPanel({ file: written, refresh }: { file: string | null; refresh: number }) {
  const lab = useLab();
  const list = useCall(useCallback(() => lab.briefs(), [lab]));
  const signOff = useCall(useCallback((r: SignOffRequest) => lab.signOffBrief(r), [lab]));
  const { run: load } = list;
  useEffect(() => void load(), [load, refresh]);
  const [form, setForm] = useState({ file: '', by: '', decision: 'accepted' as SignOffDecision, note: '' });
  useEffect(() => { if (written) setForm((f) => ({ ...f, file: written })); }, [written]);
  const [saved, setSaved] = useState('');
  const set = (key: keyof typeof form, value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved('');
    const result = await signOff.run({ file: form.file.trim(), by: form.by, decision: form.decision, ...(form.note.trim() ? { note: form.note.trim() } : {}) });
    if (result) {
      setSaved(`Recorded: brief ${result.briefId} ${result.decision} by ${result.by}.${result.ticksLadder ? ' It is the evidence for the ladder item "A tradeoff turned into a business recommendation that was accepted".' : result.decision === 'accepted' ? ' The brief recommends no option, so no tradeoff was accepted: it is kept, and ticks no ladder item.' : ' It is kept, and ticks no ladder item.'}`);
      void load();
    }
  };

  return (
    <section aria-labelledby="sign-off-heading">
      <h2 id="sign-off-heading">Sign-off</h2>
      <p className="muted">The decision is bound to the brief file's SHA-256 as it was written: a file changed since is refused.</p>
      <form className="stack" onSubmit={(e) => void submit(e)} aria-label="Sign off a brief">
        <div className="field"><label htmlFor="sign-off-file">Brief file (on the lab's machine)</label><input id="sign-off-file" type="text" className="mono" data-request-field="signOffBrief.request.file" value={form.file} onChange={(e) => set('file', e.target.value)} spellCheck={false} /></div>
        <div className="row">
          <div className="field"><label htmlFor="sign-off-by">Decided by</label><input id="sign-off-by" type="text" data-request-field="signOffBrief.request.by" value={form.by} onChange={(e) => set('by', e.target.value)} /></div>
          <div className="field"><label htmlFor="sign-off-decision">Decision</label><select id="sign-off-decision" data-request-field="signOffBrief.request.decision" value={form.decision} onChange={(e) => set('decision', e.target.value)}>{(Object.keys(DECISION_NAMES) as SignOffDecision[]).map((d) => <option key={d} value={d}>{DECISION_NAMES[d]}</option>)}</select></div>
        </div>
        <div className="field"><label htmlFor="sign-off-note">The decider's words</label><input id="sign-off-note" type="text" data-request-field="signOffBrief.request.note" value={form.note} onChange={(e) => set('note', e.target.value)} /></div>
        <div className="row"><button type="submit" disabled={signOff.busy}>Record the decision</button>{saved ? <span role="status">{saved}</span> : null}</div>
      </form>
      <ErrorNotice error={errorInFormWords(signOff.error)} />
      <ErrorNotice error={list.error} />
      {list.result && list.result.length > 0 ? (
        <table className="runs" aria-label="Briefs written">
          <thead><tr><th scope="col">Written</th><th scope="col">File</th><th scope="col">Question</th><th scope="col">Options</th><th scope="col">Decisions</th></tr></thead>
          <tbody>
            {list.result.map((b) => (
              <tr key={b.briefId}>
                <td>{b.date.slice(0, 10)}</td><td className="mono">{b.fileName}</td><td>{b.question}</td><td className="num">{b.runIds.length}</td>
                <td>{b.signOffs.length === 0 ? <span className="muted">not signed off</span> : b.signOffs.map((s) => <div key={s.attestationId}>{DECISION_NAMES[s.decision]} by {s.by}, {s.date.slice(0, 10)}{s.note ? `: ${s.note}` : ''}</div>)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : list.result ? <p className="muted">No briefs written yet.</p> : null}
    </section>
  );
}
