import { LabError } from '../api/errors.js';
import type { OptionSpec } from './option-spec.js';

/**
 * Every numeric flag of every command, with its allowed range, in one table. parseFlags checks each
 * flag it finds here before a command sees the value, so an out-of-range, negative, huge or
 * non-numeric value is a usage error that names the flag and its range, never a ZodError, a
 * RangeError or an allocation that takes the machine down. A new command gets the check by naming
 * its flag here; the ranges match the RunSpec schema (core/api/run-spec.ts) where one exists.
 *
 * Forms: `number` (one number), `duration` (10, 10s, 500ms, 2m → seconds), `count-or-duration`
 * (--warmup), `list` (1,4,8), `named` (NAME=V), `shape` (INPUT=AxBxC), `ratio` (0.5 or 1/255),
 * `triple` (R,G,B), `size` (HxW).
 */
export type NumericForm = 'number' | 'duration' | 'count-or-duration' | 'list' | 'named' | 'shape' | 'ratio' | 'triple' | 'size';

export interface NumericFlag {
  form: NumericForm;
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  /** A value just inside the range, for the hint. */
  example: string;
  /** min itself is not allowed (a positive real such as --qps). */
  exclusiveMin?: boolean;
}

const INT32_MAX = 2_147_483_647;
const UINT32_MAX = 4_294_967_295;

export const numericFlags: Readonly<Record<string, NumericFlag>> = {
  iterations: { form: 'number', min: 1, max: 10_000_000, integer: true, example: '1000' },
  duration: { form: 'duration', min: 0, max: 86_400, integer: false, exclusiveMin: true, example: '10s' },
  warmup: { form: 'count-or-duration', min: 0, max: 1_000_000, integer: true, example: '10' },
  seed: { form: 'number', min: 0, max: UINT32_MAX, integer: true, example: '1' },
  'input-pool': { form: 'number', min: 1, max: 64, integer: true, example: '4' },
  threads: { form: 'list', min: 0, max: 1024, integer: true, example: '4' },
  'inter-threads': { form: 'number', min: 0, max: 1024, integer: true, example: '1' },
  dim: { form: 'named', min: 1, max: INT32_MAX, integer: true, example: 'batch=1' },
  'free-dim': { form: 'named', min: 1, max: INT32_MAX, integer: true, example: 'batch=1' },
  shape: { form: 'shape', min: 1, max: INT32_MAX, integer: true, example: 'input=1x3x224x224' },
  concurrency: { form: 'number', min: 1, max: 256, integer: true, example: '2' },
  sessions: { form: 'number', min: 1, max: 16, integer: true, example: '2' },
  qps: { form: 'number', min: 0, max: 1_000_000, integer: false, exclusiveMin: true, example: '50' },
  'trial-duration': { form: 'duration', min: 0, max: 600, integer: false, exclusiveMin: true, example: '1s' },
  'max-trials': { form: 'number', min: 2, max: 64, integer: true, example: '12' },
  'schedule-seed': { form: 'number', min: 0, max: UINT32_MAX, integer: true, example: '1' },
  trials: { form: 'number', min: 1, max: 100, integer: true, example: '3' },
  dla: { form: 'number', min: 0, max: 7, integer: true, example: '0' },
  batch: { form: 'list', min: 1, max: 65_536, integer: true, example: '1,4,8' },
  sets: { form: 'number', min: 1, max: 1000, integer: true, example: '4' },
  atol: { form: 'number', min: 0, max: 1e9, integer: false, example: '0.0001' },
  rtol: { form: 'number', min: 0, max: 1e9, integer: false, example: '0.001' },
  limit: { form: 'number', min: 1, max: 1_000_000, integer: true, example: '50' },
  port: { form: 'number', min: 0, max: 65_535, integer: true, example: '8765' },
  'pad-value': { form: 'number', min: 0, max: 255, integer: true, example: '114' },
  scale: { form: 'ratio', min: 0, max: 1e9, integer: false, exclusiveMin: true, example: '1/255' },
  mean: { form: 'triple', min: -1e9, max: 1e9, integer: false, example: '0.485,0.456,0.406' },
  std: { form: 'triple', min: 0, max: 1e9, integer: false, exclusiveMin: true, example: '0.229,0.224,0.225' },
  'image-size': { form: 'size', min: 1, max: 65_536, integer: true, example: '224x224' },
  adr: { form: 'number', min: 1, max: 9999, integer: true, example: '1' },
  worst: { form: 'number', min: 1, max: 100, integer: true, example: '5' },
};

/** "a whole number from 1 to 10000000", "a number above 0 up to 1000000". */
export function describeRange(rule: NumericFlag): string {
  const what = rule.integer ? 'a whole number' : 'a number';
  const low = rule.exclusiveMin ? `above ${rule.min}` : `from ${rule.min}`;
  return `${what} ${low} to ${rule.max}`;
}

const SIGNED_NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function inRange(rule: NumericFlag, n: number): boolean {
  if (!Number.isFinite(n)) return false;
  if (rule.integer && !Number.isSafeInteger(n)) return false;
  if (rule.exclusiveMin ? n <= rule.min : n < rule.min) return false;
  return n <= rule.max;
}

function parseNumber(rule: NumericFlag, text: string): number | null {
  const t = text.trim();
  // Plain decimal only: "0x10", "Infinity", "" and "1_000" are not numbers a user means; "-5" parses
  // and then fails the range, so the message states the range rather than "not a number".
  if (!SIGNED_NUMBER_TEXT.test(t)) return null;
  const n = Number(t);
  return inRange(rule, n) ? n : null;
}

function durationSecondsOf(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === 'ms' ? n / 1000 : m[2] === 'm' ? n * 60 : n;
}

/** The value's problem as a LabError, or null when it is in range. */
export function numericFlagProblem(name: string, rule: NumericFlag, value: string, command = 'COMMAND'): LabError | null {
  const flag = `--${name}`;
  const fail = (expected: string) =>
    new LabError('usage', `${flag} ${value}: expected ${expected}.`, `For example ${flag} ${rule.example}; see \`edgelab ${command} --help\` for what it means.`);
  const range = describeRange(rule);
  switch (rule.form) {
    case 'number':
      return parseNumber(rule, value) === null ? fail(range) : null;
    case 'duration': {
      const s = durationSecondsOf(value);
      return s === null || !inRange(rule, s) ? fail(`a duration (10, 10s, 500ms, 2m) above ${rule.min} s and at most ${rule.max} s`) : null;
    }
    case 'count-or-duration': {
      if (/^\s*\d+\s*$/.test(value)) return parseNumber(rule, value) === null ? fail(`an iteration count (${range}) or a duration (500ms, 2s, at most 3600 s)`) : null;
      const s = /[a-z]\s*$/.test(value) ? durationSecondsOf(value) : null;
      return s === null || s > 3600 ? fail(`an iteration count (${range}) or a duration (500ms, 2s, at most 3600 s)`) : null;
    }
    case 'list': {
      const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
      return items.length === 0 || items.some((s) => parseNumber(rule, s) === null) ? fail(`${range} (or a comma-separated list of them, where a list is taken)`) : null;
    }
    case 'named': {
      const at = value.lastIndexOf('=');
      return at <= 0 || parseNumber(rule, value.slice(at + 1)) === null ? fail(`NAME=VALUE with VALUE ${range}`) : null;
    }
    case 'shape': {
      const at = value.lastIndexOf('=');
      const dims = value.slice(at + 1).split(/[x×,]/);
      return at <= 0 || dims.some((d) => !/^\d+$/.test(d.trim()) || parseNumber(rule, d) === null) ? fail(`INPUT=DIMxDIMx… with every dim ${range}`) : null;
    }
    case 'ratio': {
      const m = /^\s*([^/]+?)\s*(?:\/\s*([^/]+?)\s*)?$/.exec(value);
      const top = m?.[1] !== undefined && SIGNED_NUMBER_TEXT.test(m[1]) ? Number(m[1]) : Number.NaN;
      const bottom = m?.[2] === undefined ? 1 : SIGNED_NUMBER_TEXT.test(m[2]) ? Number(m[2]) : Number.NaN;
      return inRange(rule, top / bottom) ? null : fail(`${range}, or a fraction such as 1/255`);
    }
    case 'triple': {
      const parts = value.split(',');
      return parts.length !== 3 || parts.some((p) => !SIGNED_NUMBER_TEXT.test(p.trim()) || !inRange(rule, Number(p))) ? fail(`three numbers R,G,B, each ${range}`) : null;
    }
    case 'size': {
      const m = /^\s*(\S+?)\s*[x×]\s*(\S+?)\s*$/.exec(value);
      return !m || parseNumber(rule, m[1] as string) === null || parseNumber(rule, m[2] as string) === null ? fail(`HEIGHTxWIDTH, each ${range}`) : null;
    }
  }
}

/** Throws the first out-of-range value among the parsed flags that the table names. */
export function checkNumericFlags(values: Record<string, unknown>, command?: string): void {
  for (const [name, raw] of Object.entries(values)) {
    const rule = numericFlags[name];
    if (!rule || raw === undefined || typeof raw === 'boolean') continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (typeof value !== 'string') continue;
      const problem = numericFlagProblem(name, rule, value, command);
      if (problem) throw problem;
    }
  }
}

/**
 * Node's parseArgs reads `--iterations -5` as a flag with no value followed by an unknown flag -5
 * ("argument is ambiguous"). A string flag followed by something that looks like a negative number
 * is rejoined as `--iterations=-5`, so the range check above answers it in edgelab's words.
 */
export function joinNegativeValues(argv: readonly string[], options: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/**
 * Flag definitions per command, as parseFlags saw them. The boundary test drives every numeric flag
 * of every command from here, so a flag added to a command is tested without editing the test.
 */
export const flagDefinitions = new Map<string, OptionSpec>();

export function registerFlags<O extends OptionSpec>(command: string, options: O): O {
  flagDefinitions.set(command, { ...(flagDefinitions.get(command) ?? {}), ...options });
  return options;
}
