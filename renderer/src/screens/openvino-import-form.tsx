import { useCallback, useState, type FormEvent } from 'react';
import type { OpenvinoImportRequest } from '../../../core/api/openvino-import.js';
import { ErrorNotice } from '../components/error-notice.js';
import { given, importErrorInFormWords, ImportOutcome, listOf, requestFields, targetsAndTags, TextField, type PathField } from '../components/import-fields.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

type TextKey = Exclude<keyof OpenvinoImportRequest, 'targets' | 'tags'>;

const FIELDS = requestFields('importOpenvino', {
  log: { id: 'openvino-log', label: 'benchmark_app output (benchmark_app … 2>&1 | tee run.log), or a -pc table', placeholder: '/data/nuc/run.log' },
  report: { id: 'openvino-report', label: 'Report (benchmark_report.csv, or benchmark_report.json from -json_stats)', placeholder: '/data/nuc/report/benchmark_report.csv' },
  counters: { id: 'openvino-counters', label: 'Per-layer counters (benchmark_*_counters_report.csv or .json)', placeholder: '/data/nuc/report/benchmark_detailed_counters_report.csv' },
  execGraph: { id: 'openvino-exec-graph', label: 'Execution graph (-exec_graph_path XML, optional)', placeholder: '/data/nuc/exec_graph.xml' },
  model: { id: 'openvino-model', label: 'ONNX model that was run (optional; puts the counters on its graph)', placeholder: '/models/resnet50.onnx' },
  label: { id: 'openvino-label', label: 'Label (optional)', placeholder: 'resnet50 int8 on the NUC iGPU' },
  statedHardware: { id: 'openvino-hardware', label: 'Hardware, as you would name it (optional)', placeholder: 'Intel NUC 13, Core i7-1360P' },
} satisfies Record<TextKey, PathField>);

const LISTS = requestFields('importOpenvino', targetsAndTags('openvino', 'judged on the figures the files state'));

/**
 * The OpenVINO part of the Import screen: the files benchmark_app wrote, sent as the request
 * `edgelab import openvino` builds from its flags. benchmark_app states a summary only, so the
 * run is recorded summary-only.
 */
export function OpenvinoImportForm() {
  const lab = useLab();
  const [values, setValues] = useState<Record<TextKey, string>>({ log: '', report: '', counters: '', execGraph: '', model: '', label: '', statedHardware: '' });
  const [targets, setTargets] = useState('');
  const [tags, setTags] = useState('');
  const call = useCall(useCallback((request: OpenvinoImportRequest) => lab.importOpenvino(request), [lab]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const request: OpenvinoImportRequest = { ...listOf('targets', targets), ...listOf('tags', tags) };
    for (const key of Object.keys(values) as TextKey[]) Object.assign(request, given(key, values[key]));
    void call.run(request);
  };
  const keys = Object.keys(FIELDS) as TextKey[];
  return (
    <form aria-labelledby="import-openvino-heading" onSubmit={submit} className="stack import-form">
      <h2 id="import-openvino-heading">OpenVINO benchmark_app run</h2>
      <p className="muted">
        edgelab runs no OpenVINO (its Node binding downloads the runtime from Intel at install; no registry ships it), so bring what benchmark_app wrote. It states a median (or one
        percentile), mean, min and max, never the iterations: the run is recorded summary-only, with no intervals, and a target on a figure it does not state is "not stated".
      </p>
      {keys.map((key) => (
        <TextField key={key} field={FIELDS[key]} requestField={`importOpenvino.request.${key}`} value={values[key]} onChange={(value) => setValues((v) => ({ ...v, [key]: value }))} />
      ))}
      <TextField field={LISTS.targets} value={targets} onChange={setTargets} />
      <TextField field={LISTS.tags} value={tags} onChange={setTags} />
      <div className="row">
        <button type="submit" className="primary" disabled={call.busy}>{call.busy ? 'Importing…' : 'Import OpenVINO run'}</button>
      </div>
      <ErrorNotice error={importErrorInFormWords(call.error, { ...FIELDS, ...LISTS })} />
      {call.result && !call.busy && !call.error ? <ImportOutcome result={call.result} /> : null}
    </form>
  );
}
