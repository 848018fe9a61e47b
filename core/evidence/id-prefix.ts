import { LabError } from '../api/errors.js';

export interface IdLookup {
  /** "run", "attestation". */
  what: string;
  /** The command that lists them, for the hint. */
  listCommand: string;
  workspaceDir: string;
}

/**
 * An id as typed by a person: the whole id, or any prefix that only one id starts with (like a git
 * commit). A `.json` suffix or a `runs/` path is tolerated, since people paste file names.
 */
export function resolveIdPrefix(ids: readonly string[], query: string, lookup: IdLookup): string {
  const wanted = normalizeQuery(query);
  if (wanted === '') {
    throw new LabError('usage', `No ${lookup.what} id given.`, `Pass an id or a unique prefix of one; \`${lookup.listCommand}\` lists them.`);
  }
  if (ids.includes(wanted)) return wanted;
  const matches = ids.filter((id) => id.startsWith(wanted)).sort();
  if (matches.length === 1) return matches[0] as string;
  if (matches.length > 1) {
    const shown = matches.slice(0, 10).join(', ');
    const more = matches.length > 10 ? `, … (${matches.length - 10} more)` : '';
    throw new LabError(
      'usage',
      `"${query}" matches ${matches.length} ${lookup.what}s: ${shown}${more}.`,
      'Type more characters of the id to pick one.',
    );
  }
  if (ids.length === 0) {
    throw new LabError(
      'input',
      `No ${lookup.what} "${query}": the workspace ${lookup.workspaceDir} has no ${lookup.what}s yet.`,
      'Point at the workspace that holds it with --workspace DIR or EDGELAB_WORKSPACE.',
    );
  }
  const closest = closestIds(ids, wanted, 3);
  throw new LabError(
    'input',
    `No ${lookup.what} "${query}" in the workspace ${lookup.workspaceDir}. ${closest.length > 0 ? `Closest: ${closest.join(', ')}.` : `No ${lookup.what} id there is close to it.`}`,
    `\`${lookup.listCommand}\` lists them all; --workspace DIR reads another workspace.`,
  );
}

function normalizeQuery(query: string): string {
  const trimmed = query.trim().replaceAll('\\', '/');
  const file = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return file.endsWith('.json') ? file.slice(0, -'.json'.length) : file;
}

/**
 * Ids that are plausibly what was meant: a query is usually a prefix, so each id's first
 * query-length characters are compared with it, and only ids within a typo or two (a quarter of
 * the query's length, at least 1) are offered. Ranked by that distance, then by shared prefix (ids
 * are time-ordered, so that is "nearest in time"). Offering the three least-bad of a hundred
 * unrelated ids would only send the user after the wrong run.
 */
export function closestIds(ids: readonly string[], query: string, count: number): string[] {
  const allowed = Math.max(1, Math.floor(query.length / 4));
  return ids
    .map((id) => ({ id, shared: sharedPrefixLength(id, query), distance: editDistance(id.slice(0, query.length), query) }))
    .filter((c) => c.distance <= allowed)
    .sort((a, b) => a.distance - b.distance || b.shared - a.shared || (a.id < b.id ? -1 : 1))
    .slice(0, count)
    .map((c) => c.id);
}

function sharedPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
