import { useCallback, useState, type DragEvent, type FormEvent } from 'react';
import type { ModelInfo } from '../../../core/api/model-info.js';
import { describeParameterLocations } from '../../../core/present/parameter-locations.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatBytes, formatCount, formatShape } from '../../../core/present/format-values.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

interface Props {
  model: ModelInfo | null;
  onModel: (model: ModelInfo) => void;
  onBenchmark: () => void;
}

export function ModelsScreen({ model, onModel, onBenchmark }: Props) {
  const lab = useLab();
  const [path, setPath] = useState(model?.path ?? '');
  const inspect = useCall(useCallback((p: string) => lab.inspectModel(p), [lab]));
  // The dialog's refusal (e.g. from a page the shell does not trust) is shown like any other error.
  const dialog = useCall(useCallback(async () => (lab.openModelDialog ? lab.openModelDialog() : null), [lab]));

  const open = async (p: string) => {
    setPath(p);
    const info = await inspect.run(p);
    if (info) onModel(info);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim() !== '') void open(path.trim());
  };
  const browse = async () => {
    const picked = await dialog.run();
    if (picked) void open(picked);
  };
  // Only the desktop shell can turn a dropped File into a path; a browser gets no drop target.
  const pathForFile = lab.pathForFile;
  const drop = pathForFile
    ? {
        onDragOver: (e: DragEvent) => e.preventDefault(),
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          const file = e.dataTransfer.files[0];
          if (file) void open(pathForFile(file));
        },
      }
    : {};

  return (
    <section aria-labelledby="models-heading" {...drop}>
      <h1 id="models-heading">Models</h1>
      <form className="row" onSubmit={submit}>
        <label htmlFor="model-path">Model file (.onnx)</label>
        <input id="model-path" name="model-path" type="text" className="wide" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/model.onnx" spellCheck={false} />
        <button type="submit" disabled={inspect.busy || path.trim() === ''}>Inspect</button>
        {lab.openModelDialog ? <button type="button" onClick={() => void browse()}>Open…</button> : null}
      </form>
      {pathForFile ? <p className="muted">Or drop an .onnx file anywhere on this screen.</p> : null}
      <ErrorNotice error={dialog.error} />
      <ErrorNotice error={inspect.error} />
      {inspect.busy ? <p aria-live="polite">Reading the model…</p> : null}
      {model ? <ModelDetails model={model} onBenchmark={onBenchmark} /> : null}
    </section>
  );
}

function ModelDetails({ model, onBenchmark }: { model: ModelInfo; onBenchmark: () => void }) {
  return (
    <article aria-labelledby="model-name" className="model-details">
      <div className="row">
        <h2 id="model-name">{model.fileName}</h2>
        <button type="button" onClick={onBenchmark}>Benchmark this model</button>
        <a className="button-link" href="#/graph">Show its graph</a>
      </div>
      <dl className="facts">
        <dt>Path</dt><dd className="mono">{model.path}</dd>
        <dt>Size</dt><dd>{formatBytes(model.sizeBytes)}</dd>
        <dt>SHA-256</dt><dd className="mono">{model.sha256}</dd>
        <dt>Producer</dt><dd>{`${model.producerName} ${model.producerVersion}`.trim() || '–'}</dd>
        <dt>IR version</dt><dd>{model.irVersion}</dd>
        <dt>Opsets</dt><dd>{Object.entries(model.opsets).map(([domain, v]) => `${domain === '' ? 'ai.onnx' : domain} ${v}`).join(', ')}</dd>
        <dt>Nodes</dt><dd>{formatCount(model.nodeCount)}</dd>
        <dt>Parameters</dt><dd>{formatCount(model.parameterCount)} ({formatBytes(model.parameterBytes)}) {describeParameterLocations(model)}</dd>
        {model.symbolicDims.length > 0 ? (<><dt>Symbolic dims</dt><dd className="mono">{model.symbolicDims.join(', ')}</dd></>) : null}
      </dl>
      <div className="columns">
        <ValueTable caption="Inputs" values={model.inputs} />
        <ValueTable caption="Outputs" values={model.outputs} />
      </div>
      <div className="columns">
        <table>
          <caption>Op histogram</caption>
          <thead><tr><th scope="col">Op type</th><th scope="col" className="num">Count</th></tr></thead>
          <tbody>
            {model.opHistogram.map((op) => (
              <tr key={op.opType}><td className="mono">{op.opType}</td><td className="num">{op.count}</td></tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>Parameters by dtype</caption>
          <thead><tr><th scope="col">Dtype</th><th scope="col" className="num">Count</th><th scope="col" className="num">Bytes</th></tr></thead>
          <tbody>
            {model.parametersByDtype.map((p) => (
              <tr key={p.dtype}><td className="mono">{p.dtype}</td><td className="num">{formatCount(p.count)}</td><td className="num">{formatBytes(p.bytes)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

function ValueTable({ caption, values }: { caption: string; values: ModelInfo['inputs'] }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Dtype</th><th scope="col">Shape</th></tr></thead>
      <tbody>
        {values.map((v) => (
          <tr key={v.name}><td className="mono">{v.name}</td><td className="mono">{v.dtype}</td><td className="mono">{formatShape(v.shape)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
