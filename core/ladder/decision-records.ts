import { link, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from '../api/errors.js';
import { DECISION_STATUS_NAMES, type DecisionRecordItem } from '../api/decision-record.js';
import { failureOf, type RunRecord } from '../api/run-record.js';
import { syncDirectory, writeSyncedTempFile } from '../evidence/atomic-file.js';
import { NotRegularFileError, readWorkspaceFile } from '../evidence/no-follow-file.js';
import type { Workspace } from '../evidence/workspace.js';
import { ensureWorkspaceSubfolder } from '../evidence/workspace-subfolder.js';
import { describeVerdict } from './realtime-target.js';
import { hardwareFacts, modelName } from './record-fields.js';

/**
 * Architecture decision records in Michael Nygard's form (context, decision, consequences), one
 * Markdown file per decision in `adr/NNNN-title-slug.md`. Unlike run records they are documents a
 * team keeps editing (a status changes, a decision is superseded), so they live outside the ledger;
 * the runs they cite are ledgered and linked by id.
 */
export const DECISION_RECORD_DIR = 'adr';
// One list of statuses and one summary shape, in core/api so the app's form and list share them.
export const DECISION_STATUSES = DECISION_STATUS_NAMES;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export type DecisionRecordSummary = DecisionRecordItem;

export interface NewDecisionRecord {
  title: string;
  runIds?: string[];
  status?: DecisionStatus;
  context?: string;
  decision?: string;
  consequences?: string;
}

const FILE_NAME = /^(\d{4})-[a-z0-9-]+\.md$/;

export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? 'decision' : slug;
}

export function decisionRecordFileName(number: number, title: string): string {
  return `${String(number).padStart(4, '0')}-${slugify(title)}.md`;
}

function runEvidenceLine(run: RunRecord): string {
  const hw = hardwareFacts(run);
  const where = hw.label ?? 'unrecorded hardware';
  const base = `[run ${run.id}](../runs/${run.id}.json): ${modelName(run)} on ${where}, started ${run.startedAt}`;
  if (run.state !== 'completed') return `${base}, ${run.state}${run.state === 'observed' ? ' (imported, no per-inference latencies)' : `: ${failureOf(run).message}`}`;
  const verdicts = run.verdicts.length > 0 ? `; ${run.verdicts.map(describeVerdict).join('; ')}` : '';
  return `${base}, ${run.executionProvider}, p50 ${run.latencyMs.p50.toFixed(2)} ms, p99 ${run.latencyMs.p99.toFixed(2)} ms${verdicts}`;
}

export function renderDecisionRecord(number: number, input: NewDecisionRecord, runs: RunRecord[], now: Date): string {
  const prompt = (text: string | undefined, guidance: string) => (text !== undefined && text.trim() !== '' ? text.trim() : `_${guidance}_`);
  const evidence = runs.length > 0 ? runs.map((run) => `- ${runEvidenceLine(run)}`).join('\n') : '_No runs cited. Add `--run ID` when a measurement backs this decision._';
  return `# ${number}. ${input.title.trim()}

Date: ${now.toISOString().slice(0, 10)}

Status: ${input.status ?? 'proposed'}

## Context

${prompt(input.context, 'The forces at play: the requirement, the hardware, the constraints, the options considered.')}

## Decision

${prompt(input.decision, 'What was decided, stated in full sentences ("We will …").')}

## Consequences

${prompt(input.consequences, 'What becomes easier or harder because of this decision, including the costs accepted.')}

## Evidence

${evidence}
`;
}

/** Resolves the cited runs first, so a bad id writes nothing. */
export async function newDecisionRecord(workspace: Workspace, input: NewDecisionRecord, now: Date = new Date()): Promise<DecisionRecordSummary & { path: string }> {
  if (input.title.trim() === '') {
    throw new LabError('usage', 'The decision record has an empty title.', 'Give a title that states the decision, e.g. edgelab adr new "Run the detector in INT8 on the Jetson".');
  }
  if (input.status !== undefined && !DECISION_STATUSES.includes(input.status)) {
    throw new LabError('usage', `Status "${String(input.status)}" is not one of ${DECISION_STATUSES.join(', ')}.`);
  }
  const runs: RunRecord[] = [];
  for (const id of input.runIds ?? []) runs.push(await workspace.getRun(id));
  const dir = await ensureWorkspaceSubfolder(workspace.dir, DECISION_RECORD_DIR);
  // link() fails on an existing name, so two writers at once take different numbers, never one file.
  for (let attempt = 0; attempt < 100; attempt++) {
    const number = (await highestNumber(dir)) + 1 + attempt;
    const name = decisionRecordFileName(number, input.title);
    const text = renderDecisionRecord(number, input, runs, now);
    const temp = await writeSyncedTempFile(dir, name, Buffer.from(text));
    try {
      await link(temp, join(dir, name));
      await syncDirectory(dir);
      return { ...summarize(text, name, number), path: join(dir, name) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      await rm(temp, { force: true });
    }
  }
  throw new LabError('runtime', `Could not find a free decision record number in ${dir}.`, 'Check the folder for stray files.');
}

async function decisionRecordNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => FILE_NAME.test(name)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

async function highestNumber(dir: string): Promise<number> {
  return Math.max(0, ...(await decisionRecordNames(dir)).map((name) => Number(name.slice(0, 4))));
}

function summarize(text: string, name: string, number: number): DecisionRecordSummary {
  const title = /^#\s+(?:\d+\.\s*)?(.+)$/m.exec(text)?.[1]?.trim() ?? name;
  const status = /^Status:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? 'unknown';
  const date = /^Date:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? '';
  const runIds = [...new Set(Array.from(text.matchAll(/\(\.\.\/runs\/([A-Za-z0-9][A-Za-z0-9_.-]*)\.json\)/g), (m) => m[1] as string))];
  return { number, title, status, date, file: `${DECISION_RECORD_DIR}/${name}`, runIds };
}

/** The decision records in the workspace, in number order. Edited files are read as they are now. */
export async function listDecisionRecords(workspaceDir: string): Promise<DecisionRecordSummary[]> {
  const dir = join(workspaceDir, DECISION_RECORD_DIR);
  const out: DecisionRecordSummary[] = [];
  for (const name of await decisionRecordNames(dir)) {
    let bytes: Buffer;
    try {
      bytes = await readWorkspaceFile(join(dir, name));
    } catch (e) {
      // A FIFO or a device under a record's name would otherwise hang the listing (and the server's).
      if (!(e instanceof NotRegularFileError)) throw e;
      throw new LabError('input', `${DECISION_RECORD_DIR}/${name} in ${workspaceDir} is ${e.what}, not a decision record.`, 'Remove it: a decision record is a Markdown file (`edgelab adr new` writes one).');
    }
    out.push(summarize(bytes.toString('utf8'), name, Number(name.slice(0, 4))));
  }
  return out;
}
