import type { ErrorInfo } from '../../core/api/errors.js';

/**
 * The core words its messages for the CLI (`set --dim height=N`, `field spec.scenario.warmup…`).
 * The app shows the same message with each flag or spec field named as the form names it, so a
 * reader knows which field to change; the rest of the message is the CLI's, word for word.
 */
const FLAG_FIELDS: Array<[RegExp, string | ((...groups: string[]) => string)]> = [
  [/--dim ([\w.:/-]+)=(?:N|\d+)/g, (_m, name) => `"Value of symbolic dim ${name}"`],
  [/--shape ([\w.:/-]+)=([\w×…]*)/g, (_m, name, example) => `"Shape of input ${name}"${example && example !== '…' ? ` (e.g. ${example})` : ''}`],
  [/--warmup(?: \d+)?/g, '"Warm-up iterations"'],
  [/--iterations(?: \d+)?/g, '"Timed iterations"'],
  [/--duration(?: \d+)?/g, '"Duration limit"'],
  [/--threads/g, '"Intra-op threads"'],
  [/--target/g, '"Targets"'],
  [/--images/g, '"Image, folder or list file"'],
  [/--test-data/g, '"Test-data folder"'],
  [/--size/g, '"Size H×W"'],
  [/--note(?: "[^"]*")?/g, '"What you did, and where"'],
  [/--link/g, '"Link"'],
  [/--ep/g, '"Execution provider"'],
  // Spec fields named in advice as a suite file would spell them.
  [/\binputs\.poolSize\b/g, '"Input pool size"'],
];

/** Spec fields as the Run form labels them; the longest matching prefix wins. */
const SPEC_FIELDS: Array<[string, string]> = [
  ['spec.inputs.paths', 'Image, folder or list file'],
  ['spec.inputs.dir', 'Test-data folder'],
  ['spec.inputs.size', 'Size H×W'],
  ['spec.inputs.padValue', 'Letterbox pad value'],
  ['spec.inputs.scale', 'Scale'],
  ['spec.inputs.mean', 'Mean per channel'],
  ['spec.inputs.std', 'Std per channel'],
  ['spec.inputs.seed', 'Generator seed'],
  ['spec.inputs.poolSize', 'Input pool size'],
  ['spec.session.intraOpNumThreads', 'Intra-op threads'],
  ['spec.session.interOpNumThreads', 'Inter-op threads'],
  ['spec.scenario.warmup', 'Warm-up iterations'],
  ['spec.scenario.iterations', 'Timed iterations'],
  ['spec.scenario.durationS', 'Duration limit'],
  ['spec.scenario.trials', 'Trials'],
  ['spec.scenario.concurrency', 'Concurrency'],
  ['spec.scenario.sessions', 'Sessions'],
  ['spec.scenario.qps', 'Queries per second'],
  ['spec.scenario.seed', 'Arrival schedule seed'],
  ['spec.scenario.findMaxQps.trialDurationS', 'Search trial length'],
  ['spec.scenario.findMaxQps.maxTrials', 'Search trials at most'],
  ['spec.scenario.findMaxQps.bound', 'Latency bound'],
  ['spec.targets', 'Targets'],
  ['note', 'What you did, and where'],
  ['link', 'Link'],
];

function specFieldLabel(path: string): string | null {
  if (path.startsWith('spec.inputs.dims.')) return `Value of symbolic dim ${path.slice('spec.inputs.dims.'.length)}`;
  if (path.startsWith('spec.inputs.shapes.')) return `Shape of input ${path.slice('spec.inputs.shapes.'.length).replace(/\[\d+\]$/, '')}`;
  const hit = SPEC_FIELDS.filter(([prefix]) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)).sort((a, b) => b[0].length - a[0].length)[0];
  return hit ? hit[1] : null;
}

export function inFormWords(text: string): string {
  let out = text;
  for (const [pattern, replacement] of FLAG_FIELDS) {
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement as (...args: string[]) => string);
  }
  return out.replace(/field ([\w.[\]-]+)/g, (whole, path: string) => {
    const label = specFieldLabel(path);
    return label ? `field "${label}"` : whole;
  });
}

/**
 * The fields an error names (the lab's `field`: `inputs.dims` and the dims that need a value) by
 * their labels on the form, e.g. `Fill in "Value of symbolic dim width".`; null when the form has
 * no such field.
 */
export function fieldsToFill(field: ErrorInfo['field']): string | null {
  if (!field) return null;
  const paths = field.names?.length ? field.names.map((name) => `spec.${field.path}.${name}`) : [`spec.${field.path}`];
  const labels = paths.map(specFieldLabel).filter((l): l is string => l !== null);
  return labels.length === 0 ? null : `Fill in ${labels.map((l) => `"${l}"`).join(', ')}.`;
}

export function errorInFormWords(error: ErrorInfo | null): ErrorInfo | null {
  if (!error) return null;
  const fill = fieldsToFill(error.field);
  const message = inFormWords(error.message);
  return { ...error, message: fill ? `${fill} ${message}` : message, ...(error.hint !== undefined ? { hint: inFormWords(error.hint) } : {}) };
}
