import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { BriefRequest, BriefRule, WriteBriefRequest } from '../../../core/api/brief.js';
import { ErrorNotice } from '../components/error-notice.js';
import { saveText } from '../components/save-text.js';
import { errorInFormWords } from '../form-wording.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';
import { BriefPreview } from './brief-preview.js';

const RULE_NAMES: Record<BriefRule, string> = { 'cheapest-passing': 'Cheapest option that meets every target', 'fastest-passing': 'Fastest option that meets every target' };
type Format = 'html' | 'md' | 'pdf';

/** Pick runs, a question and a rule, preview the brief, then write it; the written file's path goes to the sign-off form. */
export function BriefForm({ onWritten }: { onWritten: (path: string | null) => void }) {
  const lab = useLab();
  const runs = useCall(useCallback(() => lab.runs({ state: 'completed', limit: 200 }), [lab]));
  const adrs = useCall(useCallback(() => lab.decisionRecords(), [lab]));
  const preview = useCall(useCallback((r: BriefRequest) => lab.previewBrief(r), [lab]));
  const write = useCall(useCallback((r: WriteBriefRequest) => lab.writeBrief(r), [lab]));
  const { run: loadRuns } = runs;
  const { run: loadAdrs } = adrs;
  useEffect(() => {
    void loadRuns();
    void loadAdrs();
  }, [loadRuns, loadAdrs]);
  const [question, setQuestion] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [rule, setRule] = useState<BriefRule>('cheapest-passing');
  const [adr, setAdr] = useState('');
  const [format, setFormat] = useState<Format>('html');
  const [out, setOut] = useState('');
  const [written, setWritten] = useState('');

  const request = (): BriefRequest => ({ question, runIds: picked, rule, ...(adr ? { adr: Number(adr) } : {}) });
  const toggle = (id: string, on: boolean) => setPicked((p) => (on ? [...p, id] : p.filter((x) => x !== id)));
  const showPreview = (e: FormEvent) => {
    e.preventDefault();
    void preview.run(request());
  };
  const save = async () => {
    setWritten('');
    const brief = await write.run({ ...request(), format, ...(out.trim() ? { out: out.trim() } : {}) });
    if (!brief) return;
    if (brief.content !== null && brief.path === null) saveText(brief.fileName, brief.content, brief.mediaType);
    setWritten(`Wrote ${brief.path ?? brief.fileName} (brief ${brief.briefId}, SHA-256 ${brief.sha256}).`);
    onWritten(brief.path);
  };

  return (
    <section aria-labelledby="brief-form-heading">
      <h2 id="brief-form-heading">Write a brief</h2>
      <form className="stack" onSubmit={showPreview} aria-label="Brief">
        <div className="field"><label htmlFor="brief-question">The question the brief answers</label><textarea id="brief-question" rows={2} data-request-field="previewBrief.request.question writeBrief.request.question" value={question} onChange={(e) => setQuestion(e.target.value)} placeholder="Which device should the new line's cameras run on?" /></div>
        <fieldset data-request-field="previewBrief.request.runIds writeBrief.request.runIds">
          <legend>Options (one run each)</legend>
          <ErrorNotice error={runs.error} />
          {runs.result?.length === 0 ? <p className="muted">No completed runs yet.</p> : null}
          {runs.result?.map((r) => (
            <label key={r.id} className="check"><input type="checkbox" aria-label={`Option ${r.id}`} checked={picked.includes(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} /> {r.label ?? r.modelName} <span className="mono muted">{r.id}</span> <span className="muted">{r.verdict}</span></label>
          ))}
        </fieldset>
        <div className="row">
          <div className="field"><label htmlFor="brief-rule">Rule</label><select id="brief-rule" data-request-field="previewBrief.request.rule writeBrief.request.rule" value={rule} onChange={(e) => setRule(e.target.value as BriefRule)}>{(Object.keys(RULE_NAMES) as BriefRule[]).map((r) => <option key={r} value={r}>{RULE_NAMES[r]}</option>)}</select></div>
          <div className="field"><label htmlFor="brief-adr">Decision record it comes from</label><select id="brief-adr" data-request-field="previewBrief.request.adr writeBrief.request.adr" value={adr} onChange={(e) => setAdr(e.target.value)}><option value="">none</option>{adrs.result?.map((d) => <option key={d.number} value={String(d.number)}>{d.number}. {d.title}</option>)}</select></div>
        </div>
        <div className="row"><button type="submit" disabled={preview.busy}>Preview</button></div>
      </form>
      <ErrorNotice error={errorInFormWords(preview.error)} />
      {preview.result ? <BriefPreview view={preview.result} /> : null}
      <div className="row">
        <div className="field"><label htmlFor="brief-format">Format</label><select id="brief-format" data-request-field="writeBrief.request.format" value={format} onChange={(e) => setFormat(e.target.value as Format)}><option value="html">HTML</option><option value="md">Markdown</option><option value="pdf">PDF</option></select></div>
        <div className="field"><label htmlFor="brief-out">Save on the lab's machine as (a path; PDF needs one, else it downloads)</label><input id="brief-out" type="text" className="mono" data-request-field="writeBrief.request.out" value={out} onChange={(e) => setOut(e.target.value)} spellCheck={false} /></div>
      </div>
      <div className="row"><button type="button" disabled={write.busy} onClick={() => void save()}>Write the brief</button>{written ? <span role="status">{written}</span> : null}</div>
      <ErrorNotice error={errorInFormWords(write.error)} />
    </section>
  );
}
