import type { OutputCheckRequest } from '../../../core/api/output-check.js';

type Preprocessing = NonNullable<Extract<OutputCheckRequest, { kind: 'accuracy' }>['preprocessing']>;

/** The accuracy check's image options as typed: the same preprocessing as a run's `--images`. */
export interface PreprocessingForm {
  resize: 'stretch' | 'letterbox' | 'center-crop';
  imagenet: boolean;
  padValue: string;
  channelOrder: 'rgb' | 'bgr';
  layout: 'nchw' | 'nhwc';
  dtype: 'float32' | 'float16' | 'uint8';
  scale: string;
  size: string;
}

export const DEFAULT_PREPROCESSING: PreprocessingForm = { resize: 'stretch', imagenet: true, padValue: '', channelOrder: 'rgb', layout: 'nchw', dtype: 'float32', scale: '', size: '' };

const IMAGENET = { mean: [0.485, 0.456, 0.406] as [number, number, number], std: [0.229, 0.224, 0.225] as [number, number, number] };

/** A number as typed; empty is "the default", anything else unreadable becomes NaN for the schema to name. */
function optionalNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** The form → the request's `preprocessing`; what is left empty keeps the lab's default. */
export function preprocessingRequest(form: PreprocessingForm): Preprocessing {
  const padValue = form.resize === 'letterbox' ? optionalNumber(form.padValue) : undefined;
  const scale = optionalNumber(form.scale);
  const [h, w] = form.size.trim() === '' ? [] : form.size.toLowerCase().split(/[x×]/).map((n) => Number(n.trim()));
  return {
    resize: form.resize,
    ...(form.imagenet ? IMAGENET : {}),
    ...(padValue !== undefined ? { padValue } : {}),
    channelOrder: form.channelOrder,
    layout: form.layout,
    dtype: form.dtype,
    ...(scale !== undefined ? { scale } : {}),
    ...(h !== undefined ? { size: [h, w ?? Number.NaN] as [number, number] } : {}),
  };
}

const field = (name: string) => ({ 'data-request-field': `startOutputCheck.request.preprocessing.${name}` });

export function AccuracyPreprocessingFields({ form, set }: { form: PreprocessingForm; set: (form: PreprocessingForm) => void }) {
  const choose = <K extends 'resize' | 'channelOrder' | 'layout' | 'dtype'>(id: string, caption: string, key: K, options: Array<[PreprocessingForm[K], string]>) => (
    <div className="field">
      <label htmlFor={id}>{caption}</label>
      <select id={id} value={form[key]} onChange={(e) => set({ ...form, [key]: e.target.value })} {...field(key)}>
        {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
    </div>
  );
  const text = (id: string, caption: string, key: 'padValue' | 'scale' | 'size', placeholder: string) => (
    <div className="field">
      <label htmlFor={id}>{caption}</label>
      <input id={id} type="text" className="mono" value={form[key]} placeholder={placeholder} spellCheck={false} onChange={(e) => set({ ...form, [key]: e.target.value })} {...field(key)} />
    </div>
  );
  return (
    <>
      {choose('check-resize', 'Image fit', 'resize', [['stretch', 'stretch'], ['letterbox', 'letterbox'], ['center-crop', 'center-crop']])}
      {form.resize === 'letterbox' ? text('check-pad-value', 'Letterbox pad value (0–255, default 114)', 'padValue', '114') : null}
      {text('check-image-size', 'Size H×W (when the model leaves them symbolic)', 'size', '224x224')}
      <div className="field check">
        <input id="check-imagenet" type="checkbox" checked={form.imagenet} onChange={(e) => set({ ...form, imagenet: e.target.checked })} data-request-field="startOutputCheck.request.preprocessing.mean startOutputCheck.request.preprocessing.std" />
        <label htmlFor="check-imagenet">ImageNet mean and std (0.485, 0.456, 0.406 / 0.229, 0.224, 0.225)</label>
      </div>
      {text('check-scale', 'Pixel scale (default 1/255)', 'scale', '0.00392156862745098')}
      {choose('check-channel-order', 'Channel order', 'channelOrder', [['rgb', 'RGB'], ['bgr', 'BGR']])}
      {choose('check-layout', 'Layout', 'layout', [['nchw', 'NCHW'], ['nhwc', 'NHWC']])}
      {choose('check-image-dtype', 'Tensor dtype', 'dtype', [['float32', 'float32'], ['float16', 'float16'], ['uint8', 'uint8 (pixels as they are)']])}
    </>
  );
}
