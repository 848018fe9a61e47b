import { evidenceKind } from '../api/run-record.js';
import { LabError } from '../api/errors.js';
import type { Attestation } from '../evidence/attestation.js';
import type { Workspace } from '../evidence/workspace.js';
import { profileExplanationItemId } from './evidence.js';
import { ALL_ITEMS, findItem } from './gates.js';
import { profileFacts } from './record-fields.js';

export interface AttestRequest {
  itemId: string;
  note: string;
  link?: string | null;
  /** When the work happened (YYYY-MM-DD); defaults to now. */
  date?: string;
}

function checkNote(note: string): string {
  if (note.trim() === '') {
    throw new LabError('usage', 'The note is empty.', 'Say in a sentence what you did and where, e.g. --note "Added the night-time test set to the evaluation suite".');
  }
  return note.trim();
}

/** Only http(s) links: evidence someone else can open. */
export function checkLink(link: string | null | undefined): string | null {
  if (link === undefined || link === null) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new LabError('usage', `The link "${link}" is not a URL.`, 'Give a full address starting with https://, e.g. --link https://github.com/org/repo/pull/42.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new LabError('usage', `The link "${link}" uses ${url.protocol.replace(':', '')}, not http or https.`, 'Give an address others can open, starting with https://.');
  }
  return url.toString();
}

function checkDate(date: string | undefined): string | undefined {
  if (date === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
    throw new LabError('usage', `The date "${date}" is not a calendar date.`, 'Use YYYY-MM-DD, e.g. --date 2026-03-14.');
  }
  return date;
}

/** Validates a request against the ladder: the item exists, is attested, and the note and link are usable. */
export function validateAttestRequest(request: AttestRequest): { itemId: string; note: string; link: string | null; date?: string } {
  const item = findItem(request.itemId);
  if (!item) {
    const attested = ALL_ITEMS.filter((i) => i.kind === 'attested').map((i) => i.id);
    const measured = ALL_ITEMS.filter((i) => i.kind === 'measured').map((i) => i.id);
    throw new LabError(
      'usage',
      `There is no ladder item "${request.itemId}".`,
      `Items you can attest: ${attested.join(', ')}. Items checked from runs: ${measured.join(', ')}.`,
    );
  }
  if (item.kind === 'measured') {
    throw new LabError(
      'usage',
      `"${item.id}" is checked from run records, not attested: ${item.counts}`,
      `Produce the evidence with: ${item.produceWith}. \`edgelab ladder\` then shows which run satisfies it.`,
    );
  }
  const date = checkDate(request.date);
  return { itemId: item.id, note: checkNote(request.note), link: checkLink(request.link), ...(date ? { date } : {}) };
}

export async function attestItem(workspace: Workspace, request: AttestRequest, now: Date = new Date()): Promise<Attestation> {
  return workspace.saveAttestation(validateAttestRequest(request), now);
}

/**
 * Attaches the engineer's written explanation of a profiled run's bottlenecks. The run must carry a
 * profile: an explanation of nothing measured is not evidence.
 */
export async function explainProfile(workspace: Workspace, request: { runId: string; note: string; link?: string | null }, now: Date = new Date()): Promise<Attestation> {
  const note = checkNote(request.note);
  const link = checkLink(request.link);
  const run = await workspace.getRun(request.runId);
  // The ladder sets imported runs aside, so an explanation of one would be evidence that never counts.
  if (evidenceKind(run) === 'imported') {
    throw new LabError('usage', `Run ${run.id} was imported from ${run.origin?.tool ?? 'another tool'}'s files: an explanation of it would never check the ladder's measured item.`,
      `Profile the model with edgelab on that device (edgelab profile ${run.spec.model}), then explain that run.`);
  }
  if (profileFacts(run) === null) {
    throw new LabError('usage', `Run ${run.id} has no op-level profile to explain.`, `Profile the model first: edgelab bench ${run.spec.model} --profile, then explain that run.`);
  }
  return workspace.saveAttestation({ itemId: profileExplanationItemId(run.id), note, link }, now);
}
