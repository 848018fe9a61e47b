import type { ModelInfo } from '../../../core/api/model-info.js';
import type { ImagesInputs, ResizeMode } from '../../../core/api/run-spec.js';
import { formatShape } from '../../../core/present/format-values.js';
import { NORMALIZE_PRESETS, type InputsKind, type NormalizePreset } from '../run-form.js';
import type { FieldProps } from './field-props.js';

const RESIZE_MODES: Array<[ResizeMode, string]> = [
  ['stretch', 'stretch: to the size, aspect ignored'],
  ['letterbox', 'letterbox: fit inside, pad'],
  ['center-crop', 'center-crop: shorter side, then crop'],
];

/** Synthetic tensors (seeded, rotated over a pool) or real images through the same preprocessing as `--images`. */
export function InputsFieldset({ form, set, model, disabled }: FieldProps & { model: ModelInfo; disabled: boolean }) {
  // A dim needs a value only while some input that uses it has no whole shape typed.
  const neededDims = new Set(model.inputs.filter((i) => (form.shapes[i.name] ?? '').trim() === '').flatMap((i) => (i.shape ?? []).filter((d): d is string => typeof d === 'string')));
  return (
    <fieldset disabled={disabled}>
      <legend>Inputs</legend>
      <div className="field">
        <label htmlFor="inputs-kind">Input data</label>
        <select id="inputs-kind" value={form.inputsKind} onChange={(e) => set('inputsKind', e.target.value as InputsKind)}>
          <option value="synthetic">synthetic tensors</option>
          <option value="images">images from disk</option>
          <option value="test-data">ONNX test-data sets (input_N.pb)</option>
        </select>
      </div>
      {form.inputsKind === 'test-data' ? (
        <div className="field">
          <label htmlFor="test-data-dir">Test-data folder (holds test_data_set_N, or is one)</label>
          <input id="test-data-dir" type="text" className="path" value={form.testDataDir} onChange={(e) => set('testDataDir', e.target.value)} spellCheck={false} placeholder="/models/resnet50/test_data_set_0" />
        </div>
      ) : form.inputsKind === 'synthetic' ? (
        <>
          {model.symbolicDims.map((dim) => (
            <div className="field" key={dim}>
              <label htmlFor={`dim-${dim}`}>Value of symbolic dim <code>{dim}</code></label>
              <input id={`dim-${dim}`} type="number" min={1} placeholder={neededDims.has(dim) ? 'required' : 'set by a shape'} aria-invalid={neededDims.has(dim) && (form.dims[dim] ?? '').trim() === ''} value={form.dims[dim] ?? ''} onChange={(e) => set('dims', { ...form.dims, [dim]: e.target.value })} />
            </div>
          ))}
          {model.inputs.map((input) => (
            <div className="field" key={input.name}>
              <label htmlFor={`shape-${input.name}`}>Shape of input <code>{input.name}</code> (optional; gives its dims their values)</label>
              <input id={`shape-${input.name}`} type="text" className="mono" placeholder={formatShape(input.shape)} value={form.shapes[input.name] ?? ''} onChange={(e) => set('shapes', { ...form.shapes, [input.name]: e.target.value })} spellCheck={false} />
            </div>
          ))}
          <div className="field">
            <label htmlFor="seed">Generator seed</label>
            <input id="seed" type="number" min={0} value={form.seed} onChange={(e) => set('seed', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="pool-size">Input pool size (distinct sets rotated)</label>
            <input id="pool-size" type="number" min={1} max={64} value={form.poolSize} onChange={(e) => set('poolSize', e.target.value)} />
          </div>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor="image-path">Image, folder or list file</label>
            <input id="image-path" type="text" className="path" value={form.imagePath} onChange={(e) => set('imagePath', e.target.value)} spellCheck={false} placeholder="/data/frames" />
          </div>
          <div className="field">
            <label htmlFor="resize">Resize</label>
            <select id="resize" value={form.resize} onChange={(e) => set('resize', e.target.value as ResizeMode)}>
              {RESIZE_MODES.map(([mode, text]) => <option key={mode} value={mode}>{text}</option>)}
            </select>
          </div>
          {form.resize === 'letterbox' ? (
            <div className="field">
              <label htmlFor="pad-value">Letterbox pad value (0–255)</label>
              <input id="pad-value" type="number" min={0} max={255} value={form.padValue} onChange={(e) => set('padValue', e.target.value)} />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="image-size">Size H×W (when the model leaves them symbolic)</label>
            <input id="image-size" type="text" className="mono" placeholder="640x640" value={form.imageSize} onChange={(e) => set('imageSize', e.target.value)} spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor="normalize">Normalisation</label>
            <select id="normalize" value={form.normalize} onChange={(e) => set('normalize', e.target.value as NormalizePreset)}>
              {Object.entries(NORMALIZE_PRESETS).map(([name, preset]) => <option key={name} value={name}>{preset.label}</option>)}
              <option value="custom">custom: (p × scale − mean) / std</option>
            </select>
          </div>
          {form.normalize === 'custom' ? (
            <>
              <div className="field">
                <label htmlFor="norm-scale">Scale</label>
                <input id="norm-scale" type="text" className="mono" value={form.scale} onChange={(e) => set('scale', e.target.value)} spellCheck={false} />
              </div>
              <div className="field">
                <label htmlFor="norm-mean">Mean per channel</label>
                <input id="norm-mean" type="text" className="mono" value={form.mean} onChange={(e) => set('mean', e.target.value)} spellCheck={false} />
              </div>
              <div className="field">
                <label htmlFor="norm-std">Std per channel</label>
                <input id="norm-std" type="text" className="mono" value={form.std} onChange={(e) => set('std', e.target.value)} spellCheck={false} />
              </div>
            </>
          ) : null}
          <div className="field">
            <label htmlFor="image-dtype">Tensor dtype</label>
            <select id="image-dtype" value={form.imageDtype} onChange={(e) => set('imageDtype', e.target.value as ImagesInputs['dtype'])}>
              <option value="float32">float32</option>
              <option value="float16">float16</option>
              <option value="uint8">uint8 (pixels as they are)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="layout">Layout</label>
            <select id="layout" value={form.layout} onChange={(e) => set('layout', e.target.value as ImagesInputs['layout'])}>
              <option value="nchw">NCHW</option>
              <option value="nhwc">NHWC</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="channel-order">Channel order</label>
            <select id="channel-order" value={form.channelOrder} onChange={(e) => set('channelOrder', e.target.value as ImagesInputs['channelOrder'])}>
              <option value="rgb">RGB</option>
              <option value="bgr">BGR</option>
            </select>
          </div>
        </>
      )}
    </fieldset>
  );
}
