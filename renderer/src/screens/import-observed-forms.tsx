import { useCallback, useState, type FormEvent } from 'react';
import type { DeepstreamImportRequest, TegrastatsImportRequest } from '../../../core/api/imports.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';
import { given, importErrorInFormWords, ImportOutcome, listOf, numberOf, requestFields, TextField, type PathField } from '../components/import-fields.js';

/**
 * Imports of runs observed without per-inference samples: a DeepStream pipeline's log, and a
 * tegrastats log recorded during a run made elsewhere. The same requests as `edgelab import
 * deepstream` and `edgelab import tegrastats`, refused with the same words.
 */
const DEEPSTREAM_FIELDS = requestFields('importDeepstream', {
  log: { id: 'deepstream-log', label: 'Console log (deepstream-app -c cfg.txt 2>&1 | tee run.log)', placeholder: '/data/orin/deepstream.log' },
  targets: { id: 'deepstream-targets', label: 'Targets, comma-separated (optional)', placeholder: 'fps>=30, pipeline-fps>=120' },
  label: { id: 'deepstream-label', label: 'Label (optional)', placeholder: '4 streams, resnet10 int8' },
  statedHardware: { id: 'deepstream-hardware', label: 'Hardware, as you would name it (optional)', placeholder: 'Jetson AGX Orin 64GB, JetPack 6.2' },
  tags: { id: 'deepstream-tags', label: 'Tags, comma-separated (optional)', placeholder: 'orin, 4 streams' },
} satisfies Record<keyof DeepstreamImportRequest, PathField>);

const TEGRASTATS_FIELDS = requestFields('importTegrastats', {
  log: { id: 'tegrastats-log', label: 'tegrastats log', placeholder: '/data/orin/tegrastats.txt' },
  runId: { id: 'tegrastats-run', label: 'Run it was recorded during (id)', placeholder: '20261206T105403Z-3e4f4c' },
  intervalMs: { id: 'tegrastats-interval', label: 'Milliseconds between lines (tegrastats --interval; optional, default 1000)', placeholder: '1000' },
  label: { id: 'tegrastats-label', label: 'Label (optional)', placeholder: 'power during the 4-stream run' },
  statedHardware: { id: 'tegrastats-hardware', label: 'Hardware, as you would name it (optional)', placeholder: 'Jetson AGX Orin 64GB, JetPack 6.2' },
} satisfies Record<keyof TegrastatsImportRequest, PathField>);

export function DeepstreamImportForm() {
  const lab = useLab();
  const [values, setValues] = useState<Record<keyof DeepstreamImportRequest, string>>({ log: '', targets: '', label: '', statedHardware: '', tags: '' });
  const call = useCall(useCallback((request: DeepstreamImportRequest) => lab.importDeepstream(request), [lab]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void call.run({ log: values.log.trim(), ...listOf('targets', values.targets), ...given('label', values.label), ...given('statedHardware', values.statedHardware), ...listOf('tags', values.tags) });
  };
  const keys = Object.keys(DEEPSTREAM_FIELDS) as (keyof DeepstreamImportRequest)[];
  return (
    <form aria-labelledby="import-deepstream-heading" onSubmit={submit} className="stack import-form">
      <h2 id="import-deepstream-heading">DeepStream pipeline</h2>
      <p className="muted">What deepstream-app printed: FPS per stream (<code>**PERF:</code>), frame and component latency (with NVDS_ENABLE_LATENCY_MEASUREMENT=1), the nvinfer engines. edgelab builds no pipelines; the run is recorded as observed, with no per-inference latencies.</p>
      {keys.map((key) => (
        <TextField key={key} field={DEEPSTREAM_FIELDS[key]} requestField={`importDeepstream.request.${key}`} value={values[key]} onChange={(value) => setValues((v) => ({ ...v, [key]: value }))} />
      ))}
      <div className="row">
        <button type="submit" className="primary" disabled={call.busy}>{call.busy ? 'Importing…' : 'Import pipeline log'}</button>
      </div>
      <ErrorNotice error={importErrorInFormWords(call.error, DEEPSTREAM_FIELDS)} />
      {call.result && !call.busy && !call.error ? <ImportOutcome result={call.result} /> : null}
    </form>
  );
}

export function TegrastatsImportForm() {
  const lab = useLab();
  const [values, setValues] = useState<Record<keyof TegrastatsImportRequest, string>>({ log: '', runId: '', intervalMs: '', label: '', statedHardware: '' });
  const call = useCall(useCallback((request: TegrastatsImportRequest) => lab.importTegrastats(request), [lab]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void call.run({ log: values.log.trim(), runId: values.runId.trim(), ...numberOf('intervalMs', values.intervalMs), ...given('label', values.label), ...given('statedHardware', values.statedHardware) });
  };
  const keys = Object.keys(TEGRASTATS_FIELDS) as (keyof TegrastatsImportRequest)[];
  return (
    <form aria-labelledby="import-tegrastats-heading" onSubmit={submit} className="stack import-form">
      <h2 id="import-tegrastats-heading">tegrastats log</h2>
      <p className="muted">A Jetson's tegrastats output recorded while a run made elsewhere ran (a DeepStream pipeline, say): power by the same board rule as edgelab's own runs, energy per frame from the linked run's FPS, clocks and temperatures over time.</p>
      {keys.map((key) => (
        <TextField key={key} field={TEGRASTATS_FIELDS[key]} requestField={`importTegrastats.request.${key}`} value={values[key]} onChange={(value) => setValues((v) => ({ ...v, [key]: value }))} />
      ))}
      <div className="row">
        <button type="submit" className="primary" disabled={call.busy}>{call.busy ? 'Importing…' : 'Import tegrastats log'}</button>
      </div>
      <ErrorNotice error={importErrorInFormWords(call.error, TEGRASTATS_FIELDS)} />
      {call.result && !call.busy && !call.error ? <ImportOutcome result={call.result} /> : null}
    </form>
  );
}
