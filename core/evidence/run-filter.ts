import { basename } from 'node:path';
import { LabError } from '../api/errors.js';
import type { RunSummary } from './run-summary.js';

export interface RunFilter {
  /** Full SHA-256 of the model file, or a prefix of it. */
  modelSha256?: string;
  /** The model's file name, with or without `.onnx`, or the path the spec named. */
  modelName?: string;
  /** Runs whose spec carries this tag (all of them, when several). */
  tag?: string | string[];
  state?: RunSummary['state'] | Array<RunSummary['state']>;
  /** Runs started at or after this instant (a Date or an ISO 8601 string). */
  since?: Date | string;
  /** Runs started before this instant. */
  until?: Date | string;
  /** At most this many, newest first. */
  limit?: number;
}

export function toInstant(value: Date | string, field: string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new LabError('usage', `The ${field} value "${String(value)}" is not a date.`, 'Give an ISO 8601 date or date-time, e.g. 2026-11-01 or 2026-11-01T09:30:00Z.');
  }
  return ms;
}

/** Compiles a filter once (and rejects a malformed one) before it is applied to many runs. */
export function compileRunFilter(filter: RunFilter = {}): (run: RunSummary) => boolean {
  const sha = filter.modelSha256?.toLowerCase();
  const name = filter.modelName?.toLowerCase();
  const tags = filter.tag === undefined ? [] : Array.isArray(filter.tag) ? filter.tag : [filter.tag];
  const states = filter.state === undefined ? null : new Set(Array.isArray(filter.state) ? filter.state : [filter.state]);
  const since = filter.since === undefined ? null : toInstant(filter.since, 'since');
  const until = filter.until === undefined ? null : toInstant(filter.until, 'until');
  return (run) => {
    if (sha !== undefined && !(run.model?.sha256.startsWith(sha) ?? false)) return false;
    if (name !== undefined && !modelNames(run).has(name)) return false;
    if (!tags.every((t) => run.tags.includes(t))) return false;
    if (states !== null && !states.has(run.state)) return false;
    const started = Date.parse(run.startedAt);
    if (since !== null && !(started >= since)) return false;
    if (until !== null && !(started < until)) return false;
    return true;
  };
}

function modelNames(run: RunSummary): Set<string> {
  const names = new Set<string>();
  const add = (fileOrPath: string) => {
    const lower = fileOrPath.toLowerCase();
    const file = basename(lower.replaceAll('\\', '/'));
    names.add(lower);
    names.add(file);
    names.add(file.replace(/\.onnx$/, ''));
  };
  add(run.specModel);
  if (run.model) {
    add(run.model.fileName);
    add(run.model.path);
  }
  return names;
}
