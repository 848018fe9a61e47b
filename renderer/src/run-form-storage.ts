import type { ModelInfo } from '../../core/api/model-info.js';
import { initialRunForm, type RunForm } from './run-form.js';

/** Where the browser keeps the Run form between visits (one per origin: per `edgelab serve` port, or the app). */
export const RUN_FORM_KEY = 'edgelab.run-form.v1';

/** The fields chosen from a list: a saved value outside it (an older version's) is not the form's. */
const CHOICES: Partial<Record<keyof RunForm, readonly string[]>> = {
  graphOptimizationLevel: ['disabled', 'basic', 'extended', 'all'],
  executionMode: ['sequential', 'parallel'],
  inputsKind: ['synthetic', 'test-data', 'images'],
  imageDtype: ['float32', 'float16', 'uint8'],
  resize: ['stretch', 'letterbox', 'center-crop'],
  normalize: ['unit', 'imagenet', 'symmetric', 'raw', 'custom'],
  layout: ['nchw', 'nhwc'],
  channelOrder: ['rgb', 'bgr'],
  scenario: ['single-stream', 'throughput', 'server'],
  serverRate: ['fixed', 'find-max'],
};

/**
 * The notice of a saved form dropped since this page loaded, until it is dismissed: the Run screen
 * may first mount before a model is open and again after, and the notice is for whichever the user sees.
 */
let dropped: string | null = null;

export function droppedFormNotice(): string | null {
  return dropped;
}

export function dismissDroppedForm(): void {
  dropped = null;
}

/**
 * The Run form as last typed, for this model: every field checked against the form's own shape, so
 * a value saved by an older version, edited by hand or cut short is dropped with a notice instead
 * of reaching the screen. Dims and shapes are kept only for the names this model has.
 */
export function loadRunForm(model: ModelInfo | null, storage: Pick<Storage, 'getItem' | 'removeItem'> = localStorage): { form: RunForm; notice: string | null } {
  const defaults = initialRunForm(model);
  let raw: string | null;
  try {
    raw = storage.getItem(RUN_FORM_KEY);
  } catch {
    return { form: defaults, notice: null };
  }
  if (raw === null) return { form: defaults, notice: null };
  const problem = (why: string) => {
    dropped = `The Run form saved in this browser could not be used (${why}); the form starts from its defaults.`;
    try {
      storage.removeItem(RUN_FORM_KEY);
    } catch {
      // A storage that refuses removal keeps its copy; the form still starts from the defaults.
    }
    return { form: defaults, notice: dropped };
  };
  let saved: unknown;
  try {
    saved = JSON.parse(raw);
  } catch {
    return problem('it is not valid JSON');
  }
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return problem('it is not a form');
  const values = saved as Record<string, unknown>;
  const form: Record<string, unknown> = { ...defaults };
  for (const [key, fallback] of Object.entries(defaults)) {
    if (!(key in values)) continue;
    const value = values[key];
    if (key === 'providers') {
      if (!Array.isArray(value) || value.length === 0 || !value.every((p) => typeof p === 'string' && /^[a-z]+$/.test(p))) return problem('"Execution providers" is not a list of provider names');
      form[key] = [...new Set(value)];
    } else if (key === 'dims' || key === 'shapes') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem(`"${key}" is not a set of named values`);
      const given = value as Record<string, unknown>;
      // Only this model's names: another model's dims would be refused as unknown.
      form[key] = Object.fromEntries(Object.keys(fallback as Record<string, string>).map((name) => [name, typeof given[name] === 'string' ? given[name] : '']));
    } else if (typeof value !== typeof fallback) {
      return problem(`field "${key}" holds ${value === null ? 'null' : typeof value}, not ${typeof fallback}`);
    } else if (CHOICES[key as keyof RunForm] && !CHOICES[key as keyof RunForm]?.includes(value as string)) {
      return problem(`field "${key}" holds "${String(value)}", which is not one of its choices`);
    } else {
      form[key] = value;
    }
  }
  return { form: form as unknown as RunForm, notice: null };
}

/** Keeps the form as typed; a browser that refuses storage (private mode, full) only loses the convenience. */
export function saveRunForm(form: RunForm, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(RUN_FORM_KEY, JSON.stringify(form));
  } catch {
    // Nothing to do: the form works without it.
  }
}
