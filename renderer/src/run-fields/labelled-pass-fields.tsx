import type { ErrorInfo } from '../../../core/api/errors.js';
import type { LabelFormat } from '../../../core/api/labelled-set.js';
import type { OutputCheckRequest } from '../../../core/api/output-check.js';
import type { ExecutionProvider } from '../../../core/api/run-spec.js';
import type { DecoderName } from '../../../core/api/predictions.js';
import { DECODER_CHOICES as DECODER_NAMES, DECODER_DEFAULT_VALUES as DECODER_DEFAULTS, LABEL_FORMAT_CHOICES as LABEL_FORMATS } from '../../../core/present/accuracy-pass-form.js';
import { AccuracyPreprocessingFields } from './accuracy-preprocessing.js';
import { defaultEngineChoice, trtexecEngineOf, type EngineChoice } from './engine-choice.js';
import { EngineFieldset } from './engine-fieldset.js';
import { DEFAULT_PREPROCESSING, preprocessingRequest, type PreprocessingForm } from './check-form-values.js';

/** The accuracy pass on a labelled set as typed: the CLI's `--labels … --decoder …` flags. */
export interface LabelledForm {
  format: LabelFormat;
  annotations: string;
  images: string;
  classes: string;
  decoder: DecoderName;
  scoreThreshold: string;
  iouThreshold: string;
  maxDetections: string;
  maskThreshold: string;
  classAgnostic: boolean;
  ignoreValue: string;
  reference: string;
  resamples: string;
  targets: string;
  /** The output the decoder reads where several fit; empty: the first that fits, in the model's order. */
  output: string;
  /** ONNX Runtime (with the form's provider) or trtexec, as `--engine trtexec --precision … --calib …`. */
  engine: EngineChoice;
  preprocessing: PreprocessingForm;
}

// Detectors are mostly trained on pixels / 255, letterboxed (YOLO); ImageNet statistics are the classifier's default.
export const DEFAULT_LABELLED: LabelledForm = {
  format: 'coco', annotations: '', images: '', classes: '', decoder: 'yolo-v8', scoreThreshold: '', iouThreshold: '', maxDetections: '', maskThreshold: '', classAgnostic: false, ignoreValue: '', reference: '', resamples: '', targets: '', output: '', engine: defaultEngineChoice,
  preprocessing: { ...DEFAULT_PREPROCESSING, imagenet: false, resize: 'letterbox' },
};

const number = (text: string) => (text.trim() === '' ? undefined : Number(text));

export function labelledRequest(f: LabelledForm, common: { model: string; ep?: ExecutionProvider; label?: string }): OutputCheckRequest {
  const score = number(f.scoreThreshold);
  const iou = number(f.iouThreshold);
  const max = number(f.maxDetections);
  const maskThreshold = number(f.maskThreshold);
  const ignoreValue = number(f.ignoreValue);
  const resamples = number(f.resamples);
  const engine = trtexecEngineOf(f.engine);
  const targets = f.targets.split(',').map((t) => t.trim()).filter((t) => t !== '');
  return {
    kind: 'labelled', model: common.model,
    labels: {
      format: f.format, annotations: f.annotations.trim(), images: f.images.trim(),
      ...(f.classes.trim() ? { classes: f.classes.trim() } : {}), ...(ignoreValue !== undefined ? { ignoreValue } : {}),
    },
    decoder: {
      name: f.decoder, ...(score !== undefined ? { scoreThreshold: score } : {}), ...(iou !== undefined ? { iouThreshold: iou } : {}), ...(max !== undefined ? { maxDetections: max } : {}),
      ...(maskThreshold !== undefined ? { maskThreshold } : {}), ...(f.classAgnostic ? { classAgnostic: true } : {}),
      ...(f.output.trim() ? { output: f.output.trim() } : {}),
    },
    ...(resamples !== undefined ? { resamples } : {}),
    preprocessing: preprocessingRequest(f.preprocessing),
    // trtexec always runs TensorRT: no execution provider goes with it, as on the command line.
    ...(engine ? { engine } : common.ep ? { ep: common.ep } : {}),
    ...(f.reference.trim() ? { reference: f.reference.trim() } : {}),
    ...(targets.length > 0 ? { targets } : {}),
    ...(common.label ? { label: common.label } : {}),
  };
}

/** A refusal about one field, shown under it, where the user is looking. */
export function Refusal({ error, path }: { error: ErrorInfo | null; path: string }) {
  if (!error?.field || error.field.path !== path) return null;
  return (
    <div className="error field-error" role="alert" aria-label={`Refusal: ${path}`}>
      <p className="error-message">{error.message}</p>
      {error.hint ? <p className="error-hint">{error.hint}</p> : null}
    </div>
  );
}

export { LABELLED_FIELD_PATHS } from '../../../core/present/accuracy-pass-form.js';

export function LabelledPassFields({ form, set, error }: { form: LabelledForm; set: (form: LabelledForm) => void; error: ErrorInfo | null }) {
  const field = (name: string) => ({ 'data-request-field': `startOutputCheck.request.${name}` });
  const text = (id: string, caption: string, key: Exclude<keyof LabelledForm, 'format' | 'decoder' | 'preprocessing' | 'classAgnostic' | 'engine'>, name: string, placeholder = '') => (
    <div className="field">
      <label htmlFor={id}>{caption}</label>
      <input id={id} type="text" className="mono" value={form[key]} placeholder={placeholder} spellCheck={false} onChange={(e) => set({ ...form, [key]: e.target.value })} {...field(name)} />
      <Refusal error={error} path={name} />
    </div>
  );
  return (
    <>
      <div className="field">
        <label htmlFor="check-label-format">Labels format</label>
        <select id="check-label-format" value={form.format} onChange={(e) => set({ ...form, format: e.target.value as LabelFormat })} {...field('labels.format')}>
          {LABEL_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
        <Refusal error={error} path="labels.format" />
      </div>
      {text('check-annotations', 'Annotations (COCO JSON; or the folder of YOLO txt, mask PNGs, ICDAR gt files)', 'annotations', 'labels.annotations')}
      {text('check-labelled-images', 'Images folder', 'images', 'labels.images')}
      {text('check-classes', "Model's class names (one a line, or data.yaml; optional)", 'classes', 'labels.classes')}
      {text('check-ignore-value', 'Class masks: the value that is ignored (default 255)', 'ignoreValue', 'labels.ignoreValue')}
      <div className="field">
        <label htmlFor="check-decoder">Decoder</label>
        <select id="check-decoder" value={form.decoder} onChange={(e) => set({ ...form, decoder: e.target.value as DecoderName })} {...field('decoder.name')}>
          {DECODER_NAMES.map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
        <Refusal error={error} path="decoder.name" />
      </div>
      {text('check-score-threshold', `Score threshold (default ${DECODER_DEFAULTS.scoreThreshold})`, 'scoreThreshold', 'decoder.scoreThreshold')}
      {text('check-iou-threshold', `NMS IoU threshold (default ${DECODER_DEFAULTS.iouThreshold})`, 'iouThreshold', 'decoder.iouThreshold')}
      {text('check-max-detections', `Most detections per image (default ${DECODER_DEFAULTS.maxDetections})`, 'maxDetections', 'decoder.maxDetections')}
      {text('check-mask-threshold', `Saliency: foreground above (default ${DECODER_DEFAULTS.maskThreshold})`, 'maskThreshold', 'decoder.maskThreshold')}
      <div className="field check">
        <input id="check-class-agnostic" type="checkbox" checked={form.classAgnostic} onChange={(e) => set({ ...form, classAgnostic: e.target.checked })} {...field('decoder.classAgnostic')} />
        <label htmlFor="check-class-agnostic">NMS across classes (one box per object whatever its class)</label>
      </div>
      {text('check-output', 'Model output to decode (optional; default: the first that fits, in the model\'s order)', 'output', 'decoder.output')}
      <AccuracyPreprocessingFields form={form.preprocessing} set={(preprocessing) => set({ ...form, preprocessing })} />
      {text('check-reference', 'Reference run for the drop (an accuracy pass on the same images; optional)', 'reference', 'reference')}
      {text('check-resamples', 'Bootstrap resamples for the drop (default 1000)', 'resamples', 'resamples')}
      {text('check-targets', 'Targets (comma-separated, e.g. map>=0.35, map-drop<=1pt)', 'targets', 'targets', 'map>=0.35')}
      <EngineFieldset value={form.engine} onChange={(engine) => set({ ...form, engine })} disabled={false} field="startOutputCheck.request.engine" timing={false} idPrefix="check-" note={(path) => <Refusal error={error} path={path} />} />
    </>
  );
}
