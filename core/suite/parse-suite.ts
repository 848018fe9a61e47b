import { createHash } from 'node:crypto';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { isLabError, LabError } from '../api/errors.js';
import { parseTarget } from '../targets/parse-target.js';
import type { RunSpec } from '../api/run-spec.js';
import { SuiteFileSchema, SuiteRunSchema } from './suite-schema.js';
import { openRegularFile } from '../files/regular-file.js';
import { accuracyEntryRequest, type AccuracyCheck } from './accuracy-entry.js';
import { checkPassRequest } from '../evaluate/pass/pass-checks.js';

/** One entry in file order: a timed run, or an accuracy pass (`accuracy:`). */
export type SuiteEntry = { kind: 'run'; spec: RunSpec } | { kind: 'accuracy'; request: AccuracyCheck };

export interface Suite {
  name: string;
  file: string;
  /** SHA-256 of the suite file's bytes: two runs of "the same suite" can be told apart when it changed. */
  sha256: string;
  description?: string;
  /** The timed runs. */
  runs: RunSpec[];
  /** Every entry, timed runs and accuracy passes, in file order. */
  entries: SuiteEntry[];
}

const MAX_SUITE_BYTES = 4 * 1024 * 1024;

/**
 * Reads a suite file (YAML, or JSON, which YAML 1.2 reads too) and validates every run with the
 * RunSpec schema. Every error names the file, the line and the field, e.g.
 * `gate.yaml:7: runs[1].scenario.iterations: expected a number, got "many"`.
 */
export async function loadSuite(file: string): Promise<Suite> {
  let text: string;
  const suiteHint = 'Give the path of a .yaml or .json suite file (see "Suites" in the README).';
  try {
    // Opened without blocking and checked on the descriptor: a FIFO or device would block the read forever.
    const { handle, stats } = await openRegularFile(file, { what: 'Suite file', hint: suiteHint });
    try {
      if (stats.size > MAX_SUITE_BYTES) {
        throw new LabError('input', `${file} is ${stats.size} bytes; a suite file is at most ${MAX_SUITE_BYTES} bytes.`, 'A suite lists runs; data belongs in the files it names.');
      }
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (isLabError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new LabError('input', code === 'ENOENT' ? `Suite file not found: ${file}` : `Cannot read suite file ${file}: ${(e as Error).message}`, suiteHint);
  }
  return parseSuite(text, file);
}

export function parseSuite(text: string, file: string): Suite {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = lineCounter.linePos(syntax.pos[0]).line;
    throw new LabError('input', `${file}:${line}: not valid YAML/JSON: ${syntax.message.split('\n')[0]}`, 'Fix the syntax at that line; indentation and unclosed brackets are the usual causes.');
  }
  let raw: unknown;
  try {
    // yaml stops alias expansion past 100 aliases ("billion laughs"); that is the file's fault, not a crash.
    raw = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    throw new LabError('input', `${file}: its YAML aliases (*name) expand too far to read safely: ${(e as Error).message}.`, 'A suite needs few or no aliases; write the repeated fields under `defaults:` instead.', { cause: e });
  }
  const where = (p: PropertyKey[]) => `${file}:${lineOf(doc, lineCounter, p)}`;

  const top = SuiteFileSchema.safeParse(raw);
  if (!top.success) throw issueError(top.error, [], where);
  const suiteDir = path.dirname(path.resolve(file));
  const entries = top.data.runs.map((run, i): SuiteEntry => {
    const merged = deepMerge(top.data.defaults, run);
    if (merged['accuracy'] !== undefined) {
      const pass = accuracyEntryRequest(merged, suiteDir);
      if (!pass.success) throw issueError(pass.error, ['runs', i], where);
      checkTargets(pass.data.targets ?? [], run, i, where);
      checkAccuracyEntry(pass.data, run, i, where);
      return { kind: 'accuracy', request: pass.data };
    }
    const parsed = SuiteRunSchema.safeParse(merged);
    if (!parsed.success) throw issueError(parsed.error, ['runs', i], where);
    checkTargets(parsed.data.targets, run, i, where);
    // Model paths are relative to the suite file, so a suite committed beside its models runs from anywhere.
    return { kind: 'run', spec: { ...parsed.data, model: path.resolve(suiteDir, parsed.data.model) } };
  });
  const runs = entries.flatMap((e) => (e.kind === 'run' ? [e.spec] : []));
  const sha256 = createHash('sha256').update(text).digest('hex');
  const name = top.data.name ?? path.basename(file).replace(/\.(ya?ml|json)$/i, '');
  return { name, file, sha256, runs, entries, ...(top.data.description ? { description: top.data.description } : {}) };
}

/** Targets are checked here too, so a malformed one names its line before any run starts. */
function checkTargets(targets: readonly string[], run: Record<string, unknown>, i: number, where: (p: PropertyKey[]) => string): void {
  targets.forEach((expression, t) => {
    try {
      parseTarget(expression);
    } catch (e) {
      if (!isLabError(e)) throw e;
      const own = Array.isArray(run['targets']) ? ['runs', i, 'targets', t] : ['defaults', 'targets', t];
      throw new LabError('input', `${where(own)}: ${formatPath(['runs', i, 'targets', t])}: ${e.message}`, e.hint);
    }
  });
}

/** What `edgelab eval` refuses before running (a latency target, another task's figure, a drop without reference) is refused at its line here, before the suite starts. */
function checkAccuracyEntry(request: AccuracyCheck, run: Record<string, unknown>, i: number, where: (p: PropertyKey[]) => string): void {
  try {
    checkPassRequest(request);
  } catch (e) {
    if (!isLabError(e)) throw e;
    const field = e.field?.path === 'targets' ? 'targets' : e.field?.path === 'reference' ? 'accuracy' : null;
    const p: PropertyKey[] = field === null ? ['runs', i] : ['runs', i, field];
    const own = field === null || Array.isArray(run[field]) || (typeof run[field] === 'object' && run[field] !== null) ? p : ['defaults', field];
    throw new LabError('input', `${where(own)}: ${formatPath(p)}: ${e.message}`, e.hint);
  }
}

function issueError(error: z.ZodError, prefix: PropertyKey[], where: (p: PropertyKey[]) => string): LabError {
  const issue = error.issues[0];
  if (!issue) return new LabError('input', `${where(prefix)}: invalid suite`);
  let p = [...prefix, ...issue.path];
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    p = [...p, issue.keys[0] as string];
    message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  }
  const field = formatPath(p) || '(top level)';
  return new LabError('input', `${where(p)}: ${field}: ${message}`, 'Suite runs take the fields of a RunSpec (model, label, tags, inputs, session, scenario, targets, profile), or an accuracy pass\'s (model, label, inputs, session, targets, accuracy: {labels, decoder, reference}); see "Suites" in the README.');
}

export function formatPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** The line of the deepest node of `p` that exists in the document (a missing field points at its parent). */
function lineOf(doc: Document, lineCounter: LineCounter, p: readonly PropertyKey[]): number {
  for (let n = p.length; n >= 0; n--) {
    const prefix = p.slice(0, n);
    const parent = n > 0 ? doc.getIn(prefix.slice(0, -1), true) : undefined;
    // For a key, point at the key itself (an unknown field has no value node worth pointing at).
    if (n > 0 && isMap(parent)) {
      const pair = parent.items.find((it) => isScalar(it.key) && it.key.value === prefix[n - 1]);
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    const node = doc.getIn(prefix, true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
