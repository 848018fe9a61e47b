import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { LabError } from '../../api/errors.js';
import type { LabelCategory } from '../../api/labelled-set.js';
import type { ClassNames } from '../../api/predictions.js';

/**
 * Names that hold a class index's place without being a class: torchvision's COCO list runs over
 * the 91 ids of the original COCO paper, `__background__` at 0 and `N/A` for the 11 ids that the
 * released annotations never used. They map to no category and are never refused.
 */
const PLACEHOLDERS = new Set(['__background__', 'n/a']);

/**
 * The model's classes file: a data.yaml's `names` (a list, or ultralytics' {index: name} map), or
 * plain text with one name a line (Darknet's coco.names, torchvision's category list). Unlike a
 * labels classes file (core/evaluate/labels/class-names.ts), it may repeat a placeholder: torchvision's
 * list holds `N/A` eleven times. Blank lines at the end are dropped; one inside is refused, since
 * it would shift every later class by one.
 */
export async function readClassNames(file: string): Promise<ClassNames> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new LabError('input', `Classes file ${file} cannot be read: ${(e as Error).message}.`, 'Give a text file with one class name a line, in the model\'s class order, or a data.yaml with `names:`.', { cause: e });
  }
  return { file, names: /\.ya?ml$/i.test(file) ? yamlNames(text, file) : lineNames(text, file) };
}

function lineNames(text: string, file: string): string[] {
  const names = text.split(/\r?\n/).map((l) => l.trim());
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  const blank = names.indexOf('');
  if (blank >= 0) throw new LabError('input', `Classes file ${file}, line ${blank + 1}, is blank.`, 'Each line names the class whose index is the line number minus one: remove the blank line, or write N/A for an index that is no class.');
  if (names.length === 0) throw new LabError('input', `Classes file ${file} names no class.`, 'Write one class name a line, in the model\'s class order.');
  return names;
}

function yamlNames(text: string, file: string): string[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new LabError('input', `Classes file ${file} is not valid YAML: ${(e as Error).message}.`, 'Fix the YAML, or give a text file with one class name a line.', { cause: e });
  }
  const names = (doc as { names?: unknown } | null)?.names;
  if (Array.isArray(names) && names.length > 0) return names.map(String);
  if (names && typeof names === 'object') {
    const entries = Object.entries(names as Record<string, unknown>);
    const out: string[] = [];
    for (const [key, value] of entries) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= entries.length) {
        throw new LabError('input', `Classes file ${file}: names has key '${key}', which is not a class index 0–${entries.length - 1}.`, 'Number the names from 0 without gaps, as ultralytics writes data.yaml.');
      }
      out[index] = String(value);
    }
    return out;
  }
  throw new LabError('input', `Classes file ${file} has no \`names:\` list.`, 'A data.yaml must list the class names under `names:` (a list, or a map from index to name).');
}

/** The model's class names, with the labels' category id each one maps to (null: a placeholder). */
export interface ClassMap {
  names: readonly string[];
  categoryIds: readonly (number | null)[];
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * Maps model class indices to the labels' categories BY NAME (case and surrounding spaces aside),
 * never by position: COCO's ids run 1–90 with gaps, and a model trained on 80 contiguous indices
 * would otherwise score class 11 against "stop sign"'s neighbour. A model class that the labels lack,
 * or a labelled category that the model cannot predict (its AP would silently be 0), is refused,
 * naming the first differences of both lists.
 */
export function mapClasses(model: ClassNames, categories: readonly LabelCategory[], labelsSource: string): ClassMap {
  const byName = new Map(categories.map((c) => [key(c.name), c.id]));
  const seen = new Map<string, number>();
  model.names.forEach((n, i) => {
    if (PLACEHOLDERS.has(key(n))) return;
    const before = seen.get(key(n));
    if (before !== undefined) throw new LabError('input', `${describeModel(model)} names '${n}' twice (classes ${before} and ${i}).`, 'Each class name must appear once, at its class index.');
    seen.set(key(n), i);
  });
  const modelOnly = model.names.map((n, i) => [i, n] as const).filter(([, n]) => !PLACEHOLDERS.has(key(n)) && !byName.has(key(n)));
  const labelsOnly = categories.filter((c) => !seen.has(key(c.name)));
  if (modelOnly.length > 0 || labelsOnly.length > 0) {
    const parts = [
      modelOnly.length > 0 ? `model classes not among the labels' categories: ${firstFew(modelOnly.map(([i, n]) => `${i} '${n}'`))}` : '',
      labelsOnly.length > 0 ? `labelled categories the model has no class for: ${firstFew(labelsOnly.map((c) => `${c.id} '${c.name}'`))}` : '',
    ].filter(Boolean);
    throw new LabError(
      'input',
      `The model's classes (${describeModel(model)}, ${model.names.length} names) and the categories of ${labelsSource} (${categories.length}) differ: ${parts.join('; ')}.`,
      'Give a classes file that names each model class index with the labels\' category name, in the model\'s class order (one name a line, or a data.yaml\'s names).',
    );
  }
  return { names: model.names, categoryIds: model.names.map((n) => (PLACEHOLDERS.has(key(n)) ? null : byName.get(key(n))!)) };
}

function describeModel(model: ClassNames): string {
  return model.file ?? 'the classes given';
}

function firstFew(items: readonly string[]): string {
  return items.length <= 5 ? items.join(', ') : `${items.slice(0, 5).join(', ')} and ${items.length - 5} more`;
}

/** Class i's name: the classes file's, or `class i` when none was given. */
export function className(names: readonly string[] | undefined, index: number): string {
  return names?.[index] ?? `class ${index}`;
}
