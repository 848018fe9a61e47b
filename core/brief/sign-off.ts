import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { LabError } from '../api/errors.js';
import { SignOffRequestSchema, type BriefItem, type BriefSignOff, type SignOffAnswer, type SignOffRequest } from '../api/brief.js';
import type { Attestation } from '../evidence/attestation.js';
import { NotRegularFileError, readWorkspaceFile } from '../evidence/no-follow-file.js';
import type { Workspace } from '../evidence/workspace.js';

/** The ladder item an accepted brief is evidence for (core/ladder/gates.ts). */
export const TRADEOFF_ACCEPTED_ITEM = 'tradeoff-accepted';

/**
 * A rejected brief, or one sent back for changes, is kept under an item id of its own: recorded and
 * shown beside the brief, never counted for the ladder item an accepted one ticks.
 */
export function signOffItemId(decision: BriefSignOff['decision'], briefId: string, recommends = true): string {
  // Accepting a brief that recommends nothing accepts no tradeoff: kept like a rejection, ticking nothing.
  return decision === 'accepted' && recommends ? TRADEOFF_ACCEPTED_ITEM : `brief-${decision}/${briefId}`;
}

/** Every brief recorded in the workspace with its sign-offs, newest first. */
export async function listBriefs(workspace: Workspace): Promise<BriefItem[]> {
  const all = await workspace.listAttestations();
  const signOffs = all.filter((a): a is Attestation & { subject: { kind: 'brief-sign-off' } } => a.subject?.kind === 'brief-sign-off');
  return all.flatMap((a) => {
    const s = a.subject;
    if (s?.kind !== 'brief') return [];
    return [{
      briefId: s.briefId, sha256: s.sha256, question: s.question, format: s.format, fileName: s.fileName, runIds: s.runIds,
      recommendedRunId: s.recommendedRunId, date: a.date,
      signOffs: signOffs.filter((o) => o.subject.briefId === s.briefId && o.subject.sha256 === s.sha256).map((o) => ({
        attestationId: o.id, decision: o.subject.decision, by: o.subject.by, note: userNote(o.note), date: o.date,
      })),
    }];
  });
}

function userNote(note: string): string | null {
  const rest = note.split('\n').slice(1).join('\n').trim();
  return rest === '' ? null : rest;
}

/** A one-page brief is kilobytes, a PDF of it a few hundred: a larger file is not one edgelab wrote. */
const MAX_BRIEF_BYTES = 64 * 1024 * 1024;

async function readBrief(file: string): Promise<Buffer> {
  try {
    const size = (await stat(file)).size;
    if (size > MAX_BRIEF_BYTES) {
      throw new LabError('input', `${file} is ${size} bytes, more than any brief edgelab writes.`, 'Name the file edgelab brief wrote.', { field: { path: 'file' } });
    }
    return await readWorkspaceFile(file);
  } catch (e) {
    if (e instanceof LabError) throw e;
    if (e instanceof NotRegularFileError) throw new LabError('input', `${file} is ${e.what}, not a brief.`, 'Name the file edgelab brief wrote.', { field: { path: 'file' } });
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new LabError('input', `${file} does not exist.`, 'Name the file edgelab brief wrote.', { field: { path: 'file' } });
    throw new LabError('input', `${file} could not be read: ${(e as Error).message}.`, 'Check the path and its permissions.', { field: { path: 'file' } });
  }
}

/**
 * `edgelab brief sign-off`: the reader's decision, bound to the brief's SHA-256 as it was written.
 * A file whose bytes changed since is refused, naming it: a decision on other words is no decision
 * on this brief.
 */
export async function signOffBrief(workspace: Workspace, input: SignOffRequest, now: Date = new Date()): Promise<SignOffAnswer> {
  const request = SignOffRequestSchema.parse(input);
  const bytes = await readBrief(request.file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const briefs = await listBriefs(workspace);
  const brief = briefs.find((b) => b.sha256 === sha256);
  if (!brief) {
    const text = bytes.toString('latin1');
    const named = briefs.find((b) => text.includes(`brief ${b.briefId}`));
    if (named) {
      throw new LabError('input', `${request.file} was changed since it was written: brief ${named.briefId} was recorded with SHA-256 ${named.sha256}, the file now hashes to ${sha256}.`,
        'Sign off the brief as it was written, or write it again with edgelab brief and have that one signed off.', { field: { path: 'file' } });
    }
    throw new LabError('input', `${request.file} matches no brief written in ${workspace.dir} (SHA-256 ${sha256}): it was changed since it was written, or written elsewhere.`,
      'Sign off the file edgelab brief wrote in this workspace, unchanged (edgelab brief list shows them).', { field: { path: 'file' } });
  }
  const by = request.by.trim();
  const note = request.note?.trim() || null;
  // The same person's same decision on the same brief, recorded again, would show twice in the list
  // and on the ladder while deciding nothing new.
  const same = brief.signOffs.find((o) => o.by === by && o.decision === request.decision && o.note === note);
  if (same) {
    throw new LabError('input', `${by} ${request.decision === 'changes' ? 'sent brief ' + brief.briefId + ' back for changes' : `${request.decision} brief ${brief.briefId}`} already, on ${same.date.slice(0, 10)} (attestation ${same.attestationId}); a decision is recorded once.`,
      'Nothing was recorded. A different decision (or note) is recorded beside it; `edgelab brief list` shows every sign-off.', { field: { path: 'decision' } });
  }
  const first = `Brief "${brief.question}" (${brief.fileName}, brief ${brief.briefId}) ${request.decision === 'changes' ? 'sent back for changes' : request.decision} by ${request.by.trim()}.`;
  const attestation = await workspace.saveAttestation({
    itemId: signOffItemId(request.decision, brief.briefId, brief.recommendedRunId !== null),
    note: request.note ? `${first}\n${request.note.trim()}` : first,
    subject: { kind: 'brief-sign-off', briefId: brief.briefId, sha256, decision: request.decision, by: request.by.trim() },
  }, now);
  return { attestationId: attestation.id, decision: request.decision, by: request.by.trim(), note: request.note?.trim() ?? null, date: attestation.date, briefId: brief.briefId, sha256, ticksLadder: attestation.itemId === TRADEOFF_ACCEPTED_ITEM };
}
