/**
 * Class names by index, from a `classes.txt` (one name a line, line 1 is class 0) or an ultralytics
 * `data.yaml` (`names:` as a list, or as a map from index to name).
 */
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { labelError, readLabelText } from './label-files.js';

const yamlHint = 'Give data.yaml a `names:` list (names: [person, car]) or map (names: {0: person, 1: car}), indices from 0 without gaps.';

export async function readClassNames(file: string): Promise<string[]> {
  // Without --classes the file is looked for in the labels folder, so the hint names both places.
  const text = await readLabelText(file, 'Classes file', 'Give the class names with --classes FILE (one name a line, class 0 first, or a data.yaml), or put classes.txt in the labels folder.');
  const ext = path.extname(file).toLowerCase();
  return ext === '.yaml' || ext === '.yml' ? namesFromYaml(file, text) : namesFromLines(file, text);
}

function namesFromLines(file: string, text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const blank = lines.indexOf('');
  // A blank line inside the list would shift every later class by one: refuse rather than guess.
  if (blank >= 0) throw labelError(file, blank + 1, 'is blank; each line names the class whose index is the line number minus one', 'Remove the blank line, or name the class that index stands for.');
  if (lines.length === 0) throw labelError(file, null, 'names no classes', 'Write one class name a line, class 0 first.');
  const seen = new Map<string, number>();
  lines.forEach((name, i) => {
    const before = seen.get(name);
    if (before !== undefined) throw labelError(file, i + 1, `names class "${name}" again (first on line ${before + 1})`, 'Each class needs a name of its own, so that model classes map to it by name.');
    seen.set(name, i);
  });
  return lines;
}

function namesFromYaml(file: string, text: string): string[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw labelError(file, null, `is not YAML: ${(e as Error).message}`, yamlHint);
  }
  const names = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>).names : undefined;
  let list: unknown[];
  if (Array.isArray(names)) list = names;
  else if (typeof names === 'object' && names !== null) {
    const entries = Object.entries(names as Record<string, unknown>);
    list = new Array(entries.length);
    for (const [key, name] of entries) {
      const i = Number(key);
      if (!Number.isInteger(i) || i < 0 || i >= entries.length) throw labelError(file, null, `names has key ${key}; keys must be the class indices 0 to ${entries.length - 1}`, yamlHint);
      list[i] = name;
    }
  } else throw labelError(file, null, 'has no `names:` list', yamlHint);
  if (list.length === 0) throw labelError(file, null, 'names no classes', yamlHint);
  const out = list.map((n, i) => {
    if (typeof n !== 'string' && typeof n !== 'number') throw labelError(file, null, `names[${i}] is ${JSON.stringify(n) ?? 'missing'}, not a name`, yamlHint);
    return String(n);
  });
  const nc = (doc as Record<string, unknown>).nc;
  if (nc !== undefined && nc !== out.length) throw labelError(file, null, `states nc: ${String(nc)} but names ${out.length} classes`, 'Make nc equal to the number of names, or drop nc.');
  return out;
}
