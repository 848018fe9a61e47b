import { useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../core/api/errors.js';
import type { OutputCheckRequest } from '../../../core/api/output-check.js';
import type { RunRecord } from '../../../core/api/run-record.js';
import type { ExecutionProvider } from '../../../core/api/run-spec.js';
import { ErrorNotice } from '../components/error-notice.js';
import { errorInfoOf } from '../lab-client/error-info.js';
import { useLab } from '../lab-context.js';
import { AccuracyPreprocessingFields } from './accuracy-preprocessing.js';
import { CocoResultsFields } from './coco-results-fields.js';
import { checkDims, DEFAULT_PREPROCESSING, preprocessingRequest, type PreprocessingForm } from './check-form-values.js';
import { DEFAULT_LABELLED, LABELLED_FIELD_PATHS, labelledRequest, LabelledPassFields, type LabelledForm } from './labelled-pass-fields.js';
import { requestRefusal } from '../../../core/present/accuracy-pass-form.js';

// 'coco-results' scores a results file made elsewhere: no model runs, so it is no OutputCheckRequest.
type CheckKind = OutputCheckRequest['kind'] | 'coco-results';

/** A number as typed; empty is "the default", anything else unreadable becomes NaN for the schema to name. */
function optionalNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/**
 * `edgelab eval` and `edgelab parity` from the Run screen, with the CLI's options: expected outputs
 * of an ONNX test-data folder, top-1/top-5 accuracy on a folder of class subfolders, or the drift
 * between two variants of the model or two providers. The check runs in the runner process and
 * lands on its record's Results, like a run.
 */
export function OutputCheckFieldset({ modelPath, symbolicDims = [], providers, onDone }: { modelPath: string; symbolicDims?: string[]; providers: string[]; onDone: (record: RunRecord) => void }) {
  const lab = useLab();
  const [kind, setKind] = useState<CheckKind>('expected-outputs');
  const [testData, setTestData] = useState('');
  const [atol, setAtol] = useState('');
  const [rtol, setRtol] = useState('');
  const [ep, setEp] = useState('cpu');
  const [images, setImages] = useState('');
  const [labels, setLabels] = useState('');
  const [preprocessing, setPreprocessing] = useState<PreprocessingForm>(DEFAULT_PREPROCESSING);
  const [labelled, setLabelled] = useState<LabelledForm>(DEFAULT_LABELLED);
  const [candidate, setCandidate] = useState('');
  const [candidateEp, setCandidateEp] = useState('cpu');
  const [seed, setSeed] = useState('');
  const [sets, setSets] = useState('');
  const [label, setLabel] = useState('');
  const [saveExpected, setSaveExpected] = useState(false);
  const [force, setForce] = useState(false);
  const [dims, setDims] = useState<Record<string, string>>({});
  // What was typed last, read at submit: a click that comes before React has rendered the last keystroke still sends it.
  const typedDims = useRef<Record<string, string>>({});
  const typeDim = (dim: string, value: string) => {
    typedDims.current = { ...typedDims.current, [dim]: value };
    setDims(typedDims.current);
  };
  const [savedFiles, setSavedFiles] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const runIdRef = useRef<string | null>(null);

  // A refusal about the previous model says nothing about the one now open.
  useEffect(() => setError(null), [modelPath]);

  // Listening before the request is sent, so a check that ends at once is not missed.
  useEffect(() => {
    if (!busy) return;
    return lab.onEvent((event) => {
      if (event.runId !== runIdRef.current) return;
      if (event.type === 'expected-saved') {
        setBusy(false);
        setSavedFiles(event.files);
      } else if (event.type === 'done') {
        setBusy(false);
        onDone(event.record);
      } else if (event.type === 'failed') {
        setBusy(false);
        if (event.record) onDone(event.record);
        else setError({ kind: 'input', message: event.message, ...(event.hint ? { hint: event.hint } : {}), ...('field' in event && event.field ? { field: event.field } : {}) });
      }
    });
  }, [lab, busy, onDone]);

  const tolerance = () => {
    const t = { ...(optionalNumber(atol) !== undefined ? { atol: optionalNumber(atol) } : {}), ...(optionalNumber(rtol) !== undefined ? { rtol: optionalNumber(rtol) } : {}) };
    return Object.keys(t).length > 0 ? { tolerance: t } : {};
  };
  const request = (): OutputCheckRequest => {
    const named = label.trim() ? { label: label.trim() } : {};
    if (kind === 'expected-outputs') {
      const saving = saveExpected ? { saveExpected: true, ...(force ? { force: true } : {}) } : tolerance();
      return { kind, model: modelPath, testData: testData.trim(), ...saving, ep: ep as ExecutionProvider, ...named };
    }
    if (kind === 'accuracy') return { kind, model: modelPath, images: images.trim(), labels: labels.trim(), preprocessing: preprocessingRequest(preprocessing), ep: ep as ExecutionProvider, ...named };
    if (kind === 'labelled') return labelledRequest(labelled, { model: modelPath, ep: ep as ExecutionProvider, ...named });
    return {
      kind: 'parity', model: modelPath,
      ...(candidate.trim() ? { candidateModel: candidate.trim() } : {}),
      providers: [ep as ExecutionProvider, candidateEp as ExecutionProvider],
      ...(testData.trim() ? { testData: testData.trim() } : {}),
      ...(optionalNumber(seed) !== undefined ? { seed: optionalNumber(seed) } : {}),
      ...(optionalNumber(sets) !== undefined ? { sets: optionalNumber(sets) } : {}),
      // Test data carries its own shapes; synthetic inputs need every symbolic dim's value.
      ...(testData.trim() ? {} : { dims: checkDims(symbolicDims, typedDims.current) }),
      ...tolerance(), ...named,
    };
  };
  const start = async () => {
    setError(null);
    setSavedFiles(null);
    let sent: OutputCheckRequest;
    try {
      sent = request();
    } catch (e) {
      setError(errorInfoOf(e));
      return;
    }
    // The request's own schema, here first: a value it refuses is shown beside its field before anything is sent.
    const refused = kind === 'labelled' ? requestRefusal(sent) : null;
    if (refused) {
      setError({ kind: 'usage', message: refused.message, ...(refused.field ? { field: { path: refused.field } } : {}) });
      return;
    }
    setBusy(true);
    runIdRef.current = null;
    try {
      runIdRef.current = (await lab.startOutputCheck(sent)).runId;
    } catch (e) {
      setBusy(false);
      setError(errorInfoOf(e));
    }
  };

  const providerOptions = providers.length > 0 ? providers : ['cpu'];
  const field = (name: string) => ({ 'data-request-field': `startOutputCheck.request.${name}` });
  const providerSelect = (id: string, text: string, value: string, set: (v: string) => void, name: string) => (
    <div className="field">
      <label htmlFor={id}>{text}</label>
      <select id={id} value={value} onChange={(e) => set(e.target.value)} {...field(name)}>
        {providerOptions.map((p) => <option key={p} value={p}>{p}</option>)}
      </select>
    </div>
  );
  const text = (id: string, caption: string, value: string, set: (v: string) => void, name: string) => (
    <div className="field">
      <label htmlFor={id}>{caption}</label>
      <input id={id} type="text" className="mono" value={value} spellCheck={false} onChange={(e) => set(e.target.value)} {...field(name)} />
    </div>
  );
  // Every check but a results file's: a model runs, in the runner, and its record lands on Results.
  const checkFields = (
    <>
        {kind === 'expected-outputs' ? (
          <>
            {text('check-test-data', 'Test-data folder (test_data_set_N/input_K.pb, output_K.pb)', testData, setTestData, 'testData')}
            <div className="field check">
              <input id="check-save-expected" type="checkbox" checked={saveExpected} onChange={(e) => setSaveExpected(e.target.checked)} {...field('saveExpected')} />
              <label htmlFor="check-save-expected">Save this model's outputs as the expected outputs (the reference to check others against)</label>
            </div>
            <div className="field check">
              <input id="check-force" type="checkbox" checked={force} disabled={!saveExpected} onChange={(e) => setForce(e.target.checked)} {...field('force')} />
              <label htmlFor="check-force">Replace expected outputs a set already has</label>
            </div>
          </>
        ) : null}
        {kind === 'accuracy' ? (
          <>
            {text('check-images', 'Images folder (DIR/class_name/image.jpg)', images, setImages, 'images')}
            {text('check-labels', 'Labels file (one class a line, in output order)', labels, setLabels, 'labels')}
            <AccuracyPreprocessingFields form={preprocessing} set={setPreprocessing} />
          </>
        ) : null}
        {kind === 'labelled' ? <LabelledPassFields form={labelled} set={setLabelled} error={error} /> : null}
        {kind === 'parity' ? (
          <>
            {text('check-candidate', 'Second model (fp16 or int8 variant; empty: this model on the candidate provider)', candidate, setCandidate, 'candidateModel')}
            {text('check-test-data', 'Test-data folder for the inputs (optional)', testData, setTestData, 'testData')}
            {text('check-seed', 'Seed of synthetic inputs (default 1)', seed, setSeed, 'seed')}
            {text('check-sets', 'Synthetic input sets (default 4)', sets, setSets, 'sets')}
            {symbolicDims.map((dim) => (
              <div className="field" key={dim}>
                <label htmlFor={`check-dim-${dim}`}>Value of symbolic dim <code>{dim}</code> (synthetic inputs)</label>
                <input id={`check-dim-${dim}`} type="number" min={1} value={dims[dim] ?? ''} onChange={(e) => typeDim(dim, e.target.value)} {...field('dims')} />
              </div>
            ))}
          </>
        ) : null}
        {kind === 'labelled' && labelled.engine.kind === 'trtexec' ? null : providerSelect('check-ep', kind === 'parity' ? 'Reference provider' : 'Execution provider', ep, setEp, kind === 'parity' ? 'providers' : 'ep')}
        {kind === 'parity' ? providerSelect('check-candidate-ep', 'Candidate provider', candidateEp, setCandidateEp, 'providers') : null}
        {kind !== 'accuracy' && kind !== 'labelled' && !(kind === 'expected-outputs' && saveExpected) ? (
          <>
            {text('check-atol', 'Absolute tolerance atol (default 1e-5)', atol, setAtol, 'tolerance.atol')}
            {text('check-rtol', 'Relative tolerance rtol (default 1e-3)', rtol, setRtol, 'tolerance.rtol')}
          </>
        ) : null}
        {text('check-label', 'Name of the check (optional)', label, setLabel, 'label')}
        <div className="row">
          <button type="button" onClick={() => void start()}>Run the check</button>
          {busy ? <span role="status" aria-label="Check progress">Checking…</span> : null}
        </div>
        {savedFiles ? (
          <div role="status" aria-label="Saved expected outputs">
            Saved {savedFiles.length} expected output file{savedFiles.length === 1 ? '' : 's'}:
            <ul>{savedFiles.map((f) => <li key={f} className="mono">{f}</li>)}</ul>
          </div>
        ) : null}
        {/* A refusal shown beside its field is not repeated here. */}
        <ErrorNotice error={kind === 'labelled' && error?.field && LABELLED_FIELD_PATHS.includes(error.field.path) ? null : error} />
    </>
  );
  return (
    <fieldset disabled={busy} className="output-check" aria-label="Check outputs">
      <legend>Check outputs</legend>
      <div className="field">
        <label htmlFor="check-kind">Check</label>
        <select id="check-kind" value={kind} onChange={(e) => setKind(e.target.value as CheckKind)} {...field('kind')}>
          <option value="expected-outputs">Expected outputs (ONNX test data)</option>
          <option value="accuracy">Accuracy (labelled images)</option>
          <option value="parity">Parity (second model or second provider)</option>
          <option value="labelled">Accuracy pass (detection, masks, text: COCO, YOLO, mask PNGs, ICDAR)</option>
          <option value="coco-results">Score a results file (COCO results made elsewhere; no model runs)</option>
        </select>
      </div>
      {kind === 'coco-results' ? <CocoResultsFields /> : checkFields}
    </fieldset>
  );
}
