import type { PreprocessingForm } from './check-form-values.js';

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
