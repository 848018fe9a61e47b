import { useCallback, useState, type FormEvent } from 'react';
import type { OrtProfileImportRequest, TrtexecImportRequest } from '../../../core/api/imports.js';
import { ErrorNotice } from '../components/error-notice.js';
import { given, importErrorInFormWords, ImportOutcome, listOf, numberOf, requestFields, targetsAndTags, TextField, type PathField } from '../components/import-fields.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';
import { OpenvinoImportForm } from './openvino-import-form.js';
import { DeepstreamImportForm, TegrastatsImportForm } from './import-observed-forms.js';
import { BundleRunsForm, MergeBundleForm } from './bundle-forms.js';

type TrtexecText = Exclude<keyof TrtexecImportRequest, 'targets' | 'tags'>;
type OrtText = Exclude<keyof OrtProfileImportRequest, 'save'>;

const TRTEXEC_FIELDS = requestFields('importTrtexec', {
  log: { id: 'trtexec-log', label: 'Console log (trtexec … 2>&1 | tee run.log)', placeholder: '/data/orin/run.log' },
  times: { id: 'trtexec-times', label: 'Times (--exportTimes file)', placeholder: '/data/orin/times.json' },
  profile: { id: 'trtexec-profile', label: 'Profile (--exportProfile file)', placeholder: '/data/orin/profile.json' },
  layerInfo: { id: 'trtexec-layer-info', label: 'Layer info (--exportLayerInfo file)', placeholder: '/data/orin/layers.json' },
  model: { id: 'trtexec-model', label: 'ONNX model the engine was built from (optional)', placeholder: '/models/resnet50.onnx' },
  label: { id: 'trtexec-label', label: 'Label (optional)', placeholder: 'resnet50 fp16 on the Orin' },
  statedHardware: { id: 'trtexec-hardware', label: 'Hardware, as you would name it (optional)', placeholder: 'Jetson AGX Orin 64GB, JetPack 6.2' },
  ...targetsAndTags('trtexec', 'judged on the imported latencies'),
} satisfies Record<keyof TrtexecImportRequest, PathField>);

const ORT_FIELDS = requestFields('importOrtProfile', {
  trace: { id: 'ort-trace', label: 'Profile trace (.json or .json.gz)', placeholder: '/data/orin/onnxruntime_profile.json' },
  model: { id: 'ort-model', label: 'ONNX model the trace was made with (strongly advised)', placeholder: '/models/det.onnx' },
  label: { id: 'ort-label', label: 'Label (optional)', placeholder: 'det on the Orin, CUDA' },
  statedHardware: { id: 'ort-hardware', label: 'Hardware, as you would name it (optional)', placeholder: 'Jetson AGX Orin 64GB, JetPack 6.2' },
  skipRuns: { id: 'ort-skip-runs', label: 'Inferences to leave out at the start (optional, default 1: the first pays one-off allocations)', placeholder: '1' },
  top: { id: 'ort-top', label: 'Nodes kept in the summary (optional, default 10)', placeholder: '10' },
} satisfies Record<OrtText, PathField>);

/**
 * Runs made where edgelab never ran (a Jetson without Node, a colleague's workstation) recorded as
 * imported evidence, from files on the lab's machine: the same importers as `edgelab import
 * trtexec` and `edgelab import ort-profile`, so the same files are refused with the same words.
 */
export function ImportScreen() {
  return (
    <section aria-labelledby="import-heading">
      <h1 id="import-heading">Import</h1>
      <p className="muted">
        Records a run made elsewhere from the files its tool wrote, given as paths on the lab's machine. The files are copied beside the record with their SHA-256; the run is marked
        imported, kept apart from measured runs, and never checks a measured ladder item. Its hardware is as stated, not seen.
      </p>
      <MergeBundleForm />
      <BundleRunsForm />
      <TrtexecImportForm />
      <OrtProfileImportForm />
      <OpenvinoImportForm />
      <DeepstreamImportForm />
      <TegrastatsImportForm />
    </section>
  );
}

function TrtexecImportForm() {
  const lab = useLab();
  const [values, setValues] = useState<Record<keyof TrtexecImportRequest, string>>({ log: '', times: '', profile: '', layerInfo: '', model: '', label: '', statedHardware: '', targets: '', tags: '' });
  const call = useCall(useCallback((request: TrtexecImportRequest) => lab.importTrtexec(request), [lab]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const request: TrtexecImportRequest = { ...listOf('targets', values.targets), ...listOf('tags', values.tags) };
    for (const key of Object.keys(values) as (keyof TrtexecImportRequest)[]) if (key !== 'targets' && key !== 'tags') Object.assign(request, given<TrtexecText>(key, values[key]));
    void call.run(request);
  };
  const keys = Object.keys(TRTEXEC_FIELDS) as (keyof TrtexecImportRequest)[];
  return (
    <form aria-labelledby="import-trtexec-heading" onSubmit={submit} className="stack import-form">
      <h2 id="import-trtexec-heading">TensorRT trtexec run</h2>
      <p className="muted">Give at least one file. With the times (every timed iteration) the run is completed: statistics, intervals and verdicts on any percentile. A log alone is recorded summary only: the figures its performance summary states, no intervals, verdicts only on the percentiles it printed. A log that ends in <code>&amp;&amp;&amp;&amp; FAILED</code> is recorded as the failed run it was.</p>
      {keys.map((key) => (
        <TextField key={key} field={TRTEXEC_FIELDS[key]} requestField={`importTrtexec.request.${key}`} value={values[key]} onChange={(value) => setValues((v) => ({ ...v, [key]: value }))} />
      ))}
      <div className="row">
        <button type="submit" className="primary" disabled={call.busy}>{call.busy ? 'Importing…' : 'Import trtexec run'}</button>
      </div>
      <ErrorNotice error={importErrorInFormWords(call.error, TRTEXEC_FIELDS)} />
      {call.result && !call.busy && !call.error ? <ImportOutcome result={call.result} /> : null}
    </form>
  );
}

function OrtProfileImportForm() {
  const lab = useLab();
  const [values, setValues] = useState<Record<OrtText, string>>({ trace: '', model: '', label: '', statedHardware: '', skipRuns: '', top: '' });
  const [save, setSave] = useState(true);
  const call = useCall(useCallback((request: OrtProfileImportRequest) => lab.importOrtProfile(request), [lab]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An empty trace is sent as it is, so the lab answers with its own words about what is missing.
    const request: OrtProfileImportRequest = {
      trace: values.trace.trim(), ...given('model', values.model), ...given('label', values.label), ...given('statedHardware', values.statedHardware),
      ...numberOf('skipRuns', values.skipRuns), ...numberOf('top', values.top), ...(save ? {} : { save: false }),
    };
    void call.run(request);
  };
  const keys = Object.keys(ORT_FIELDS) as OrtText[];
  return (
    <form aria-labelledby="import-ort-heading" onSubmit={submit} className="stack import-form">
      <h2 id="import-ort-heading">ONNX Runtime profile</h2>
      <p className="muted">A profile made with ONNX Runtime's profiler elsewhere (Python onnxruntime-gpu on a Jetson, onnxruntime_perf_test -p): analysed like a profiled run here; its latencies are the profiled inferences.</p>
      {keys.map((key) => (
        <TextField key={key} field={ORT_FIELDS[key]} requestField={`importOrtProfile.request.${key}`} value={values[key]} onChange={(value) => setValues((v) => ({ ...v, [key]: value }))} />
      ))}
      <label className="inline">
        <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} data-request-field="importOrtProfile.request.save" /> Record the run (clear to analyse only)
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={call.busy}>{call.busy ? 'Importing…' : 'Import profile'}</button>
      </div>
      <ErrorNotice error={importErrorInFormWords(call.error, ORT_FIELDS)} />
      {call.result && !call.busy && !call.error ? <ImportOutcome result={call.result} /> : null}
    </form>
  );
}
