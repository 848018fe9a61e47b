import { useCallback, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/error-notice.js';
import { errorInFormWords } from '../form-wording.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

/**
 * `edgelab ladder explain RUN --note`: the engineer's reading of where this profiled run spends
 * its time, kept beside it as attested evidence for the ladder's "can explain the bottlenecks".
 */
export function ExplainProfileForm({ runId }: { runId: string }) {
  const lab = useLab();
  const explain = useCall(useCallback((note: string, link?: string) => lab.explainProfile(runId, note, link), [lab, runId]));
  const [note, setNote] = useState('');
  const [link, setLink] = useState('');
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const result = await explain.run(note, link.trim() === '' ? undefined : link.trim());
    if (result !== undefined) setSaved(true);
  };
  return (
    <section aria-labelledby="explain-heading">
      <h2 id="explain-heading">Explain the bottlenecks</h2>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="explain-note">What you did, and where</label>
          <textarea id="explain-note" data-request-field="explainProfile.note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="The 3×3 convs of the neck are compute-bound at 10 % of the roof; NCHWc reorders cost 12 %…" />
        </div>
        <div className="field">
          <label htmlFor="explain-link">Link (https://…, optional)</label>
          <input id="explain-link" data-request-field="explainProfile.link" type="url" value={link} onChange={(e) => setLink(e.target.value)} />
        </div>
        <div className="row">
          <button type="submit" disabled={explain.busy}>Record the explanation</button>
          {saved ? <span role="status">Recorded as attested evidence for this run (the Ladder counts it).</span> : null}
        </div>
      </form>
      <ErrorNotice error={errorInFormWords(explain.error)} />
    </section>
  );
}
