import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../core/api/errors.js';
import type { LabEvent } from '../../../core/api/lab-api.js';
import { liveTelemetryLine } from '../../../core/present/live-telemetry.js';
import type { ModelInfo } from '../../../core/api/model-info.js';
import type { ProviderStatus } from '../../../core/api/providers.js';
import type { RunRecord } from '../../../core/api/run-record.js';
import { ErrorNotice } from '../components/error-notice.js';
import { LiveLatencyChart } from '../components/live-latency-chart.js';
import { formatMs } from '../../../core/present/format-values.js';
import { describeQueued, type QueuedEvent } from '../queue-words.js';
import { describeProgress, nextProgress, type RunProgress } from '../run-progress.js';
import { errorInfoOf } from '../lab-client/error-info.js';
import { errorInFormWords } from '../form-wording.js';
import { useLab } from '../lab-context.js';
import { runSpecFromForm, type RunForm } from '../run-form.js';
import { dismissDroppedForm, droppedFormNotice, loadRunForm, saveRunForm } from '../run-form-storage.js';
import { InputsFieldset } from '../run-fields/inputs-fieldset.js';
import { ScenarioFieldset } from '../run-fields/scenario-fieldset.js';
import { EngineFieldset } from '../run-fields/engine-fieldset.js';
import { defaultEngineChoice, withEngine, type EngineChoice } from '../run-fields/engine-choice.js';
import { SessionFieldset } from '../run-fields/session-fieldset.js';
import { SweepFieldset } from '../run-fields/sweep-fieldset.js';
import { OutputCheckFieldset } from '../run-fields/output-check-fieldset.js';

interface Props {
  model: ModelInfo | null;
  onDone: (record: RunRecord) => void;
  onPickModel: () => void;
}

export function RunScreen({ model, onDone, onPickModel }: Props) {
  const lab = useLab();
  // The form as last typed in this browser, checked; a saved form that does not fit is dropped with a notice.
  const [restored] = useState(() => loadRunForm(model));
  const [form, setForm] = useState<RunForm>(restored.form);
  const [storageNotice, setStorageNotice] = useState<string | null>(restored.notice ?? droppedFormNotice());
  const [engine, setEngine] = useState<EngineChoice>(defaultEngineChoice);
  const [providers, setProviders] = useState<ProviderStatus[] | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const [samplesMs, setSamplesMs] = useState<number[]>([]);
  const [telemetry, setTelemetry] = useState<Extract<LabEvent, { type: 'telemetry' }> | null>(null);
  // One measurement at a time per machine: while this run waits for its turn, whom it waits for.
  const [queued, setQueued] = useState<QueuedEvent | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [starting, setStarting] = useState(false);
  // Events can arrive before startRun() resolves with the id; keep them until it does.
  const early = useRef<LabEvent[]>([]);
  const active = useRef<string | null>(null);
  const waiting = useRef(false);
  const refusal = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) refusal.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);

  // Another model keeps the settings typed; only its dims and shapes start over (they are its own).
  const firstModel = useRef(model);
  useEffect(() => {
    if (model === firstModel.current) return;
    setForm((f) => {
      // The values saved for dims of the same names (the same model opened again) come back.
      const fresh = loadRunForm(model).form;
      return { ...f, dims: fresh.dims, shapes: fresh.shapes };
    });
  }, [model]);
  // Without a model the form has no dims of its own: saving then would wipe the ones kept for it.
  useEffect(() => {
    if (model) saveRunForm(form);
  }, [form, model]);

  useEffect(() => {
    lab.providers().then(setProviders, (e: unknown) => setError(errorInfoOf(e)));
  }, [lab]);

  const handle = useCallback(
    (event: LabEvent) => {
      setQueued(event.type === 'queued' ? event : null);
      if (event.type === 'queued') return;
      if (event.type === 'phase' || event.type === 'progress') setProgress((p) => nextProgress(p, event));
      else if (event.type === 'samples') setSamplesMs((s) => s.concat(event.samplesMs));
      else if (event.type === 'telemetry') setTelemetry(event);
      else if (event.type === 'done') {
        active.current = null;
        setRunId(null);
        // A finished run leaves no progress bar behind to read as a run still going.
        setProgress(null);
        // Progress comes at most every 100 ms: a run shorter than that sent no samples while it ran,
        // and the last batch may not have been sent. The chart ends with the recorded samples.
        setSamplesMs(event.record.samplesMs);
        onDone(event.record);
      } else if (event.type === 'failed') {
        active.current = null;
        setRunId(null);
        setProgress(null);
        if (event.record) setSamplesMs(event.record.samplesMs);
        // A cancelled or failed run's record is evidence too (its error, the samples it kept): Results
        // shows it with its error. Without a record, the error stays here.
        if (event.record) onDone(event.record);
        else setError({ kind: event.kind ?? 'runtime', message: event.message, ...(event.hint ? { hint: event.hint } : {}), ...(event.field ? { field: event.field } : {}) });
      }
    },
    [onDone],
  );

  useEffect(
    () =>
      lab.onEvent((event) => {
        if (active.current === event.runId) handle(event);
        else if (waiting.current) early.current.push(event);
      }),
    [lab, handle],
  );

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (!model) return;
    setError(null);
    setSamplesMs([]);
    setTelemetry(null);
    setProgress(null);
    setQueued(null);
    setStarting(true);
    early.current = [];
    waiting.current = true;
    try {
      const started = await lab.startRun(withEngine(runSpecFromForm(model.path, form), engine));
      active.current = started.runId;
      setRunId(started.runId);
      for (const event of early.current.filter((ev) => ev.runId === started.runId)) handle(event);
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      waiting.current = false;
      early.current = [];
      setStarting(false);
    }
  };

  const cancel = async () => {
    if (!runId) return;
    try {
      await lab.cancelRun(runId);
    } catch (err) {
      setError(errorInfoOf(err));
    }
  };

  if (!model) {
    return (
      <section aria-labelledby="run-heading">
        <h1 id="run-heading">Run</h1>
        <p>Open a model first.</p>
        <button type="button" onClick={onPickModel}>Go to Models</button>
      </section>
    );
  }

  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const running = runId !== null || starting;
  return (
    <section aria-labelledby="run-heading">
      <h1 id="run-heading">Run <span className="muted">{model.fileName}</span></h1>
      {storageNotice ? (
        <p className="notice" role="note" aria-label="Saved form">
          {storageNotice} <button type="button" onClick={() => { dismissDroppedForm(); setStorageNotice(null); }}>Dismiss</button>
        </p>
      ) : null}
      <form className="run-form" onSubmit={(e) => void start(e)}>
        <SessionFieldset form={form} set={set} disabled={running} providers={providers} />
        <EngineFieldset value={engine} onChange={setEngine} disabled={running} />
        <InputsFieldset form={form} set={set} model={model} disabled={running} />
        <ScenarioFieldset form={form} set={set} disabled={running} />
        <fieldset disabled={running} className="measurement">
          <legend>Measurement</legend>
          <div className="field">
            <label htmlFor="warmup">Warm-up iterations</label>
            <input id="warmup" type="number" min={0} value={form.warmupIterations} onChange={(e) => set('warmupIterations', e.target.value)} disabled={form.warmupDurationS.trim() !== ''} data-request-field="startRun.spec.scenario.warmup.iterations" />
          </div>
          <div className="field">
            <label htmlFor="warmup-duration">Warm-up duration (s, optional; instead of iterations)</label>
            <input id="warmup-duration" type="number" min={0} step="any" value={form.warmupDurationS} onChange={(e) => set('warmupDurationS', e.target.value)} data-request-field="startRun.spec.scenario.warmup.durationMs" />
          </div>
          <div className="field">
            <label htmlFor="iterations">Timed iterations{form.scenario === 'server' ? ' (queries)' : ''}</label>
            <input id="iterations" data-request-field="startRun.spec.scenario.iterations" type="number" min={1} value={form.iterations} onChange={(e) => set('iterations', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="duration">Duration limit (s, optional)</label>
            <input id="duration" data-request-field="startRun.spec.scenario.durationS" type="number" min={0} step="any" value={form.durationS} onChange={(e) => set('durationS', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="trials">Trials (repeats on the same session)</label>
            <input id="trials" data-request-field="startRun.spec.scenario.trials" type="number" min={1} max={100} value={form.trials} onChange={(e) => set('trials', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="targets">Targets (e.g. p99&lt;=33ms, realtime-30)</label>
            <input id="targets" data-request-field="startRun.spec.targets" type="text" value={form.targets} onChange={(e) => set('targets', e.target.value)} spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor="label">Label (optional)</label>
            <input id="label" type="text" value={form.label} onChange={(e) => set('label', e.target.value)} data-request-field="startRun.spec.label" />
          </div>
          <div className="field">
            <label htmlFor="tags">Tags (comma-separated, optional)</label>
            <input id="tags" type="text" value={form.tags} onChange={(e) => set('tags', e.target.value)} spellCheck={false} data-request-field="startRun.spec.tags" />
          </div>
          <div className="field check">
            <input id="profile" data-request-field="startRun.spec.profile" type="checkbox" checked={form.profile} onChange={(e) => set('profile', e.target.checked)} />
            <label htmlFor="profile">Op-level profile (a separate pass after the timed run)</label>
          </div>
          <div className="field check">
            <input id="telemetry" data-request-field="startRun.spec.telemetry" type="checkbox" checked={form.telemetry} onChange={(e) => set('telemetry', e.target.checked)} />
            <label htmlFor="telemetry">Telemetry: CPU load, clock, temperature, energy (sampled between inferences)</label>
          </div>
        </fieldset>
        <div className="row">
          <button type="submit" className="primary" disabled={running}>Start</button>
          <button type="button" disabled={runId === null} onClick={() => void cancel()}>Cancel</button>
        </div>
        {/* A refusal shows where Start was pressed, not below the sweep and output-check forms. */}
        <div ref={refusal}><ErrorNotice error={errorInFormWords(error)} /></div>
      </form>
      <SweepFieldset spec={() => runSpecFromForm(model.path, form)} disabled={running} providers={(providers ?? []).filter((p) => p.starts).map((p) => p.name)} />
      <OutputCheckFieldset modelPath={model.path} symbolicDims={model.symbolicDims} providers={(providers ?? []).filter((p) => p.starts).map((p) => p.name)} onDone={onDone} />
      {providers ? <ProviderNotes providers={providers} /> : null}
      {/* Kept in view while the form scrolls: the phase, the progress bar and the live chart. */}
      <div className={running ? 'run-status running' : 'run-status'} role="status" aria-label="Run status">
        <div aria-live="polite" className="progress-text">{queued && running ? `${describeQueued(queued)} It starts when the machine is free; Cancel takes it out of line.` : describeProgress(running, progress)}</div>
        {progress ? <progress max={1} value={progress.phase === 'measure' || progress.phase === 'warmup' ? progress.fraction : undefined} aria-label="Run progress" /> : null}
        {running && telemetry ? <p className="live-telemetry" aria-label="Live telemetry">{liveTelemetryLine(telemetry)}</p> : null}
        {running || samplesMs.length > 0 ? <LiveLatencyChart samplesMs={samplesMs} /> : null}
      </div>
    </section>
  );
}

function ProviderNotes({ providers }: { providers: ProviderStatus[] }) {
  const notStarting = providers.filter((p) => p.inBuild && !p.starts);
  if (notStarting.length === 0) return null;
  return (
    <details className="notes">
      <summary>Providers in this build that do not start here ({notStarting.map((p) => p.name).join(', ')})</summary>
      <ul>
        {notStarting.map((p) => (
          <li key={p.name}><strong>{p.name}</strong>: {p.reason ?? 'did not start'}{p.advice ? ` ${p.advice}` : ''}</li>
        ))}
      </ul>
    </details>
  );
}
