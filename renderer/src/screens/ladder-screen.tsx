import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { RunLink } from '../components/run-link.js';
import { MetMark } from '../components/status-mark.js';
import { DecisionRecordsSection } from '../ladder/decision-records-section.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatLocalTime } from '../../../core/present/format-values.js';
import { errorInFormWords } from '../form-wording.js';
import { ASSESSMENT_QUESTIONS } from '../../../core/present/assessment-questions.js';
import { asLabs, asLadderStatus, type AttestedItem, type ItemStatus, type LadderStatus, type PracticeLabStatus } from '../ladder/ladder-status.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

export function LadderScreen() {
  const lab = useLab();
  const status = useCall(useCallback(async () => asLadderStatus(await lab.ladder()), [lab]));
  const labs = useCall(useCallback(async () => asLabs(await lab.labs()), [lab]));
  const { run: loadStatus } = status;
  const { run: loadLabs } = labs;
  const reload = useCallback(() => {
    void loadStatus();
    void loadLabs();
  }, [loadStatus, loadLabs]);
  useEffect(reload, [reload]);

  const ladder = status.result;
  const attestable = ladder ? ladder.gates.flatMap((g) => g.items).filter((i) => i.kind === 'attested').map((i) => i.item as AttestedItem) : [];
  return (
    <section aria-labelledby="ladder-heading">
      <h1 id="ladder-heading">Ladder</h1>
      <p className="muted">
        <span className="kind kind-measured">measured</span> items are decided by run records in this workspace;{' '}
        <span className="kind kind-attested">attested</span> items rest on a note and a link you give.
      </p>
      <ErrorNotice error={status.error ?? labs.error} />
      {ladder ? <Gates ladder={ladder} /> : null}
      {ladder ? <AttestForm items={attestable} onSaved={reload} /> : null}
      <DecisionRecordsSection />
      {labs.result ? <Labs labs={labs.result} /> : null}
      <SelfAssessment key={ladder?.assessment?.assessedAt ?? 'none'} current={ladder?.assessment?.answers ?? null} onSaved={reload} />
    </section>
  );
}

function Gates({ ladder }: { ladder: LadderStatus }) {
  return (
    <>
      {ladder.gates.map(({ gate, metCount, itemCount, items }) => (
        <section key={gate.id} aria-labelledby={`gate-${gate.id}`} className={`gate${ladder.currentGateId === gate.id ? ' current' : ''}`}>
          <h2 id={`gate-${gate.id}`}>
            {gate.title} <span className="muted">{metCount}/{itemCount} met</span>
            {ladder.currentGateId === gate.id ? <span className="badge">your gate</span> : null}
          </h2>
          <ul className="items">
            {items.map((status) => <LadderItem key={status.item.id} status={status} />)}
          </ul>
        </section>
      ))}
    </>
  );
}

function LadderItem({ status }: { status: ItemStatus }) {
  return (
    <li className={`item item-${status.kind}${status.met ? ' met' : ''}`} data-item={status.item.id}>
      <MetMark met={status.met} label={status.met ? 'met' : 'not met'} />
      <span className={`kind kind-${status.kind}`}>{status.kind}</span>
      <div>
        <strong>{status.item.title}</strong> <span className="mono muted">{status.item.id}</span>
        <p className="counts">{status.item.counts}</p>
        {status.kind === 'measured' ? (
          status.met ? (
            <ul>{status.runs.map((r) => <li key={r.runId}>run <RunLink runId={r.runId} />: {r.why}</li>)}</ul>
          ) : (
            <p className="missing">{status.missing} <span className="muted">Produce with: <code>{status.item.produceWith}</code></span></p>
          )
        ) : status.attestations.length > 0 ? (
          <ul>
            {status.attestations.map((a) => (
              <li key={a.attestationId}>{a.date.slice(0, 10)}: {a.note}{a.link ? <> — <a href={a.link} target="_blank" rel="noreferrer">{a.link}</a></> : null}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">Link to: {status.item.linkTo}</p>
        )}
      </div>
    </li>
  );
}

function AttestForm({ items, onSaved }: { items: AttestedItem[]; onSaved: () => void }) {
  const lab = useLab();
  const [itemId, setItemId] = useState(items[0]?.id ?? '');
  const [note, setNote] = useState('');
  const [link, setLink] = useState('');
  const [saved, setSaved] = useState('');
  const attest = useCall(useCallback((id: string, n: string, l?: string) => lab.attest(id, n, l), [lab]));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await attest.run(itemId, note, link.trim() === '' ? undefined : link.trim());
    if (result !== undefined) {
      setSaved(`Recorded evidence for ${itemId}.`);
      setNote('');
      setLink('');
      onSaved();
    }
  };
  const chosen = items.find((i) => i.id === itemId);
  return (
    <section aria-labelledby="attest-heading">
      <h2 id="attest-heading">Attest an item</h2>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="attest-item">Item</label>
          <select id="attest-item" value={itemId} onChange={(e) => setItemId(e.target.value)}>
            {items.map((i) => <option key={i.id} value={i.id}>{i.title} ({i.id})</option>)}
          </select>
        </div>
        {chosen ? <p className="muted">{chosen.counts} A good link: {chosen.linkTo}.</p> : null}
        <div className="field">
          <label htmlFor="attest-note">What you did, and where</label>
          <textarea id="attest-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="attest-link">Link (https://…, optional)</label>
          <input id="attest-link" type="url" value={link} onChange={(e) => setLink(e.target.value)} />
        </div>
        <div className="row"><button type="submit" disabled={attest.busy || itemId === ''}>Attest</button></div>
      </form>
      <p aria-live="polite" className="muted">{saved}</p>
      <ErrorNotice error={errorInFormWords(attest.error)} />
    </section>
  );
}

function Labs({ labs }: { labs: PracticeLabStatus[] }) {
  return (
    <section aria-labelledby="labs-heading">
      <h2 id="labs-heading">Practice labs</h2>
      <ul className="labs">
        {labs.map((l) => (
          <li key={l.id} className={l.done ? 'met' : undefined}>
            <MetMark met={l.done} label={l.done ? 'done' : 'not done'} />{' '}
            <strong>{l.title}</strong> <span className="muted">(for {l.serves})</span>
            <p>{l.goal}</p>
            <ol>{l.steps.map((s) => <li key={s}><code>{s}</code></li>)}</ol>
            <p className="muted pre-line">{l.detail}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SelfAssessment({ current, onSaved }: { current: boolean[] | null; onSaved: () => void }) {
  const lab = useLab();
  const [answers, setAnswers] = useState<Array<boolean | null>>(() => ASSESSMENT_QUESTIONS.map((_, i) => current?.[i] ?? null));
  const assess = useCall(useCallback((a: boolean[]) => lab.assess(a), [lab]));
  const [result, setResult] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = (await assess.run(answers.map((a) => a === true))) as { phase?: string; assessedAt?: string } | undefined;
    if (saved) {
      setResult(`Saved: start in the ${saved.phase ?? '?'} phase${saved.assessedAt ? ` (${formatLocalTime(saved.assessedAt)})` : ''}.`);
      onSaved();
    }
  };
  return (
    <section aria-labelledby="assess-heading">
      <h2 id="assess-heading">Self-assessment</h2>
      <form onSubmit={(e) => void submit(e)}>
        {ASSESSMENT_QUESTIONS.map((q, i) => (
          <fieldset key={q} className="question">
            <legend>{i + 1}. {q}</legend>
            {(['yes', 'no'] as const).map((word) => (
              <label key={word} className="inline">
                <input type="radio" name={`question-${i}`} value={word} checked={answers[i] === (word === 'yes')} onChange={() => setAnswers((a) => a.map((x, j) => (j === i ? word === 'yes' : x)))} /> {word}
              </label>
            ))}
          </fieldset>
        ))}
        <div className="row"><button type="submit" disabled={assess.busy || answers.some((a) => a === null)}>Save answers</button></div>
      </form>
      <p aria-live="polite" className="muted">{result}</p>
      <ErrorNotice error={assess.error} />
    </section>
  );
}
