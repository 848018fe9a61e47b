import { LabError } from '../api/errors.js';
import {
  comparators,
  metricAliases,
  metricInfo,
  TARGET_EXAMPLES,
  targetMetrics,
  targetPresets,
  unitOptional,
  unitsByKind,
  canonicalUnit,
  type Comparator,
  type Target,
  type TargetMetric,
} from './target.js';

const KNOWN_METRICS = `${targetMetrics.join(', ')} (p99.9 also works for p999); presets: ${Object.keys(targetPresets).join(', ')}`;
const EXAMPLES_HINT = `Examples: ${TARGET_EXAMPLES}.`;

/** The first comparator in the text, longest spelling first so `<=` is not read as `<`. */
const COMPARATOR = /(<=|>=|==|=<|=>|<|>|=)/;
/** A non-negative decimal, optionally with an exponent: 33, 33.3, .5, 1e3. */
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?/i;

/**
 * Parses one target expression: `<metric> <comparator> <number><unit>`, whitespace anywhere between
 * the parts, or a preset name. Metric and unit are case-insensitive. Anything else is a usage error
 * that quotes the expression, names the part that is wrong and shows examples.
 */
export function parseTarget(expression: string): Target {
  const text = expression.trim();
  const preset = targetPresets[text.toLowerCase()];
  if (preset) return { expression: text.toLowerCase(), ...preset };
  if (text === '') throw malformed(expression, 'is empty');

  const found = COMPARATOR.exec(text);
  if (!found) throw malformed(text, 'has no comparator', 'Put <, <=, > or >= between the metric and the number.');
  const comparator = found[1]!;
  if (!(comparators as readonly string[]).includes(comparator)) {
    throw malformed(text, `uses "${comparator}", which is not a comparator here`, 'A measurement never equals a number exactly; use <, <=, > or >=.');
  }

  const metricText = text.slice(0, found.index).trim();
  if (metricText === '') throw malformed(text, `has no metric before "${comparator}"`, `Known metrics: ${KNOWN_METRICS}.`);
  const metric = metricNamed(metricText);
  if (!metric) throw malformed(text, `names an unknown metric "${metricText}"`, `Known metrics: ${KNOWN_METRICS}.`);

  const valueText = text.slice(found.index + comparator.length).trim();
  const number = NUMBER.exec(valueText);
  if (!number) {
    const what = valueText === '' ? 'nothing' : `"${valueText}"`;
    throw malformed(text, `has no number after "${comparator}" (found ${what})`, 'Write a non-negative number, then its unit, e.g. 33ms.');
  }
  const value = Number(number[0]);
  if (!Number.isFinite(value)) throw malformed(text, `has a number too large to compare with (${number[0]})`);
  const unitText = valueText.slice(number[0].length).trim();
  const { kind } = metricInfo[metric];
  const units = unitsByKind[kind];
  const spelled = units.map((u) => u.name);
  const allowed = unitOptional[kind] ? `none or ${spelled.join(', ')}` : spelled.join(', ');
  if (kind === 'accuracy' && unitText === '' && value > 1) {
    throw malformed(text, `bounds ${metric}, a fraction from 0 to 1, by ${number[0]}`, `Write it as a fraction: ${metric}${comparator}${Number((value / 100).toPrecision(6))}.`);
  }
  if (kind === 'accuracy' && unitText !== '') {
    throw malformed(text, `has unit "${unitText}", but ${metric} is a fraction from 0 to 1 with no unit`, `Write e.g. ${metric}${comparator}0.35.`);
  }
  if (unitText === '') {
    if (unitOptional[kind]) {
      return target(text, metric, comparator as Comparator, value, canonicalUnit[kind], 1);
    }
    if (kind === 'drop') throw malformed(text, `has no unit after ${number[0]}`, `${metric} is in points (100 × the fraction): write ${metric}${comparator}${number[0]}pt.`);
    throw malformed(text, `has no unit after ${number[0]}`, `${metric} is a ${kind === 'time' ? 'time' : 'memory size'}: add one of ${allowed}.`);
  }
  const unit = units.find((u) => u.name.toLowerCase() === unitText.toLowerCase());
  if (!unit) throw malformed(text, `has unit "${unitText}", which does not fit ${metric}`, `Units for ${metric}: ${allowed}.`);
  return target(text, metric, comparator as Comparator, value * unit.scale, kind === 'drop' ? 'pt' : unit.name, unit.scale);
}

/**
 * Parses every target of a run. Each string may hold several expressions separated by commas, as
 * `--target "p99<=33ms, rss<=512MB"` does.
 */
export function parseTargets(expressions: readonly string[]): Target[] {
  return expressions.flatMap((e) => e.split(',')).filter((e) => e.trim() !== '').map(parseTarget);
}

function metricNamed(text: string): TargetMetric | undefined {
  const lower = text.toLowerCase();
  if ((targetMetrics as readonly string[]).includes(lower)) return lower as TargetMetric;
  return metricAliases[lower];
}

function target(expression: string, metric: TargetMetric, comparator: Comparator, threshold: number, displayUnit: string, displayScale: number): Target {
  return { expression, metric, comparator, threshold, unit: canonicalUnit[metricInfo[metric].kind], displayUnit, displayScale };
}

function malformed(expression: string, problem: string, advice?: string): LabError {
  return new LabError('usage', `Target "${expression}" ${problem}.`, advice ? `${advice} ${EXAMPLES_HINT}` : EXAMPLES_HINT);
}
