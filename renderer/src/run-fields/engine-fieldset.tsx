import { STATED_TRTEXEC_TIMEOUT_S } from '../../../core/present/engine-defaults.js';
import type { ReactNode } from 'react';
import type { EngineChoice } from './engine-choice.js';

interface Props {
  value: EngineChoice;
  onChange: (value: EngineChoice) => void;
  disabled: boolean;
  /** The request path the controls set (the Run form's spec, or the accuracy pass's request). */
  field?: string;
  /** The timing-only settings (spin-wait, CUDA graph, no copies): an untimed accuracy pass leaves them out. */
  timing?: boolean;
  /** What to show under a control: a refusal about that field, beside it. */
  note?: (path: string) => ReactNode;
  idPrefix?: string;
}

/** Engine: ONNX Runtime, or trtexec with its precision, calibration cache, DLA core and executable. */
export function EngineFieldset({ value, onChange, disabled, field = 'startRun.spec.engine', timing = true, note, idPrefix = '' }: Props) {
  const set = <K extends keyof EngineChoice>(key: K, v: EngineChoice[K]) => onChange({ ...value, [key]: v });
  const id = (name: string) => `${idPrefix}${name}`;
  return (
    <fieldset disabled={disabled}>
      <legend>Engine</legend>
      <div className="field">
        <label htmlFor={id('engine')}>Engine</label>
        <select id={id('engine')} data-request-field={`${field}.kind`} value={value.kind} onChange={(e) => set('kind', e.target.value as EngineChoice['kind'])}>
          <option value="ort">ONNX Runtime (in the runner process)</option>
          <option value="trtexec">TensorRT trtexec (NVIDIA GPU or Jetson GPU/DLA)</option>
        </select>
      </div>
      {value.kind === 'trtexec' ? (
        <>
          <div className="field">
            <label htmlFor={id('trt-precision')}>Precision</label>
            <select id={id('trt-precision')} data-request-field={`${field}.precision`} value={value.precision} onChange={(e) => set('precision', e.target.value as EngineChoice['precision'])}>
              <option value="fp32">fp32 (as the model is)</option>
              <option value="fp16">fp16 (--fp16)</option>
              <option value="int8">int8 (--int8)</option>
              <option value="best">best (--best)</option>
            </select>
            {note?.('engine.precision')}
          </div>
          <div className="field">
            <label htmlFor={id('trt-calib')}>INT8 calibration cache (--calib; an INT8 accuracy pass needs it unless the model has Q/DQ nodes)</label>
            <input id={id('trt-calib')} data-request-field={`${field}.calib`} type="text" className="mono" value={value.calib} onChange={(e) => set('calib', e.target.value)} spellCheck={false} />
            {note?.('engine.calib')}
          </div>
          <div className="field">
            <label htmlFor={id('trt-dla')}>DLA core (empty: the GPU)</label>
            <input id={id('trt-dla')} data-request-field={`${field}.dlaCore`} type="number" min={0} max={7} value={value.dlaCore} onChange={(e) => set('dlaCore', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={id('trt-path')}>trtexec path (empty: PATH, then /usr/src/tensorrt/bin/trtexec)</label>
            <input id={id('trt-path')} data-request-field={`${field}.trtexecPath`} type="text" value={value.trtexecPath} onChange={(e) => set('trtexecPath', e.target.value)} spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor={id('trt-timeout')}>{`Stop trtexec after (s; empty: ${STATED_TRTEXEC_TIMEOUT_S}, engine build included)`}</label>
            <input id={id('trt-timeout')} data-request-field={`${field}.timeoutS`} type="number" min={1} value={value.timeoutS} onChange={(e) => set('timeoutS', e.target.value)} />
          </div>
          {timing ? ([['spinWait', 'trt-spin', 'Spin-wait on completion (--useSpinWait)'], ['cudaGraph', 'trt-graph', 'CUDA graph (--useCudaGraph)'], ['noDataTransfers', 'trt-nocopy', 'GPU compute only, no host↔device copies (--noDataTransfers)']] as const).map(([key, id, label]) => (
            <div className="field check" key={key}>
              <input id={id} type="checkbox" checked={value[key]} onChange={(e) => set(key, e.target.checked)} data-request-field={`${field}.${key}`} />
              <label htmlFor={id}>{label}</label>
            </div>
          )) : null}
        </>
      ) : null}
    </fieldset>
  );
}
