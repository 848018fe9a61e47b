import { STATED_TRTEXEC_TIMEOUT_S } from '../../../core/present/engine-defaults.js';
import type { EngineChoice } from './engine-choice.js';

interface Props {
  value: EngineChoice;
  onChange: (value: EngineChoice) => void;
  disabled: boolean;
}

/** Engine: ONNX Runtime, or trtexec with its precision, DLA core and executable. */
export function EngineFieldset({ value, onChange, disabled }: Props) {
  const set = <K extends keyof EngineChoice>(key: K, v: EngineChoice[K]) => onChange({ ...value, [key]: v });
  return (
    <fieldset disabled={disabled}>
      <legend>Engine</legend>
      <div className="field">
        <label htmlFor="engine">Engine</label>
        <select id="engine" value={value.kind} onChange={(e) => set('kind', e.target.value as EngineChoice['kind'])}>
          <option value="ort">ONNX Runtime (in the runner process)</option>
          <option value="trtexec">TensorRT trtexec (NVIDIA GPU or Jetson GPU/DLA)</option>
        </select>
      </div>
      {value.kind === 'trtexec' ? (
        <>
          <div className="field">
            <label htmlFor="trt-precision">Precision</label>
            <select id="trt-precision" value={value.precision} onChange={(e) => set('precision', e.target.value as EngineChoice['precision'])}>
              <option value="fp32">fp32 (as the model is)</option>
              <option value="fp16">fp16 (--fp16)</option>
              <option value="int8">int8 (--int8)</option>
              <option value="best">best (--best)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="trt-dla">DLA core (empty: the GPU)</label>
            <input id="trt-dla" type="number" min={0} max={7} value={value.dlaCore} onChange={(e) => set('dlaCore', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="trt-path">trtexec path (empty: PATH, then /usr/src/tensorrt/bin/trtexec)</label>
            <input id="trt-path" type="text" value={value.trtexecPath} onChange={(e) => set('trtexecPath', e.target.value)} spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor="trt-timeout">{`Stop trtexec after (s; empty: ${STATED_TRTEXEC_TIMEOUT_S}, engine build included)`}</label>
            <input id="trt-timeout" type="number" min={1} value={value.timeoutS} onChange={(e) => set('timeoutS', e.target.value)} />
          </div>
          {([['spinWait', 'trt-spin', 'Spin-wait on completion (--useSpinWait)'], ['cudaGraph', 'trt-graph', 'CUDA graph (--useCudaGraph)'], ['noDataTransfers', 'trt-nocopy', 'GPU compute only, no host↔device copies (--noDataTransfers)']] as const).map(([key, id, label]) => (
            <div className="field check" key={key}>
              <input id={id} type="checkbox" checked={value[key]} onChange={(e) => set(key, e.target.checked)} />
              <label htmlFor={id}>{label}</label>
            </div>
          ))}
        </>
      ) : null}
    </fieldset>
  );
}
