import { parseArgs } from 'node:util';
import { LabError } from '../api/errors.js';
import { checkNumericFlags, joinNegativeValues, numericFlags, registerFlags } from './numeric-flags.js';
import type { OptionSpec } from './option-spec.js';
import { checkTextFlags } from './text-flags.js';

/**
 * node:util parseArgs in strict mode, with its errors turned into LabErrors that name the flag and
 * point at the command's --help.
 */
export function parseFlags<O extends OptionSpec>(command: string, argv: string[], options: O, allowPositionals = true) {
  registerFlags(command, options);
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, options), options, allowPositionals, strict: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown && /^-\d/.test(unknown[1] as string)) {
      // A negative value given where a positional belongs (price set … -5): flags' values are joined earlier.
      throw new LabError('usage', `edgelab ${command}: ${unknown[1]} reads as a flag; no positional value of edgelab ${command} is negative.`, `Give a positive number. See \`edgelab ${command} --help\`.`);
    }
    if (unknown) {
      throw new LabError('usage', `edgelab ${command}: unknown flag ${unknown[1]}.`, `See \`edgelab ${command} --help\` for the flags it takes.`);
    }
    throw new LabError('usage', `edgelab ${command}: ${message.replace(/\. To specify.*$/s, '.')}`, `See \`edgelab ${command} --help\`.`);
  }
  checkTextFlags(command, parsed.values, parsed.positionals);
  checkNumericFlags(parsed.values, command);
  return parsed;
}

export function wholeNumber(flag: string, value: string, min = 0): number {
  // The table's range, where the flag has one, so a caller outside parseFlags (sweep's lists) gets it too.
  const max = numericFlags[flag.replace(/^--/, '')]?.max ?? Number.MAX_SAFE_INTEGER;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new LabError('usage', `${flag} ${value}: expected a whole number from ${min} to ${max}.`, `For example ${flag} ${Math.max(min, 4)}.`);
  }
  return Number(value);
}

/** `10`, `10s`, `1.5s`, `500ms`, `2m` → seconds. */
export function durationSeconds(flag: string, value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(value);
  if (!m || Number(m[1]) <= 0) {
    throw new LabError('usage', `${flag} ${value}: expected a duration such as 10s, 500ms or 2m.`, 'A bare number means seconds.');
  }
  const n = Number(m[1]);
  return m[2] === 'ms' ? n / 1000 : m[2] === 'm' ? n * 60 : n;
}

/** `--warmup 10` is iterations; `--warmup 500ms` or `--warmup 2s` is a duration. */
export function warmup(value: string): { iterations: number; durationMs?: number } {
  if (/^\s*\d+\s*$/.test(value)) return { iterations: Number(value) };
  if (/^\s*\d+(?:\.\d+)?\s*(ms|s|m)\s*$/.test(value)) return { iterations: 0, durationMs: durationSeconds('--warmup', value) * 1000 };
  throw new LabError('usage', `--warmup ${value}: expected an iteration count (10) or a duration (500ms, 2s).`);
}

/** `NAME=V` pairs from a repeatable flag, V a positive whole number. */
export function namedNumbers(flag: string, values: readonly string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const raw of values ?? []) {
    const m = /^([^=\s]+)=(\d+)$/.exec(raw.trim());
    if (!m || Number(m[2]) < 1) {
      throw new LabError('usage', `${flag} ${raw}: expected NAME=VALUE with a whole number ≥ 1.`, `For example ${flag} batch=1.`);
    }
    noConflict(flag, out, m[1] as string, Number(m[2]), String);
    out[m[1] as string] = Number(m[2]);
  }
  return out;
}

/** A name given twice with two values: neither can be assumed to be the one meant. */
function noConflict<V>(flag: string, seen: Record<string, V>, name: string, value: V, show: (v: V) => string): void {
  const before = seen[name];
  if (before !== undefined && show(before) !== show(value)) {
    throw new LabError('usage', `${flag} gives ${name} twice, as ${show(before)} and as ${show(value)}.`, `Give ${flag} ${name}=… once.`);
  }
}

/** `INPUT=1x3x224x224` pairs. The name may contain '=' only before the last one. */
export function namedShapes(values: readonly string[] | undefined): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const raw of values ?? []) {
    const at = raw.lastIndexOf('=');
    const name = raw.slice(0, at);
    const dims = raw.slice(at + 1).split(/[x×,]/);
    if (at <= 0 || dims.some((d) => !/^\d+$/.test(d) || Number(d) < 1)) {
      throw new LabError('usage', `--shape ${raw}: expected INPUT=DIMxDIMx…, e.g. --shape input=1x3x224x224.`, 'Every dim must be a whole number ≥ 1.');
    }
    noConflict('--shape', out, name, dims.map(Number), (d) => d.join('x'));
    out[name] = dims.map(Number);
  }
  return out;
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new LabError('usage', `${flag} ${value}: not one of ${allowed.join(', ')}.`);
  }
  return value as T;
}
