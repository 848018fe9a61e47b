import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { LabError } from '../api/errors.js';
import { syncDirectory, writeSyncedTempFile } from '../evidence/atomic-file.js';
import { ensureWorkspaceSubfolder } from '../evidence/workspace-subfolder.js';
import { LADDER_VERSION, type LevelId } from '../api/ladder-levels.js';
import { ASSESSMENT_QUESTIONS } from '../present/assessment-questions.js';

export const PHASE_BY_YES_COUNT: Readonly<Record<number, LevelId>> = { 0: 'entry', 1: 'mid', 2: 'mid', 3: 'senior', 4: 'senior', 5: 'staff' };

export function phaseForYesCount(yesCount: number): LevelId {
  const phase = PHASE_BY_YES_COUNT[yesCount];
  if (phase === undefined) throw new LabError('usage', `${yesCount} yes answers: expected 0 to ${ASSESSMENT_QUESTIONS.length}.`);
  return phase;
}

export const ASSESSMENT_SCHEMA_VERSION = 1 as const;

export const AssessmentSchema = z.strictObject({
  schemaVersion: z.literal(ASSESSMENT_SCHEMA_VERSION),
  ladderVersion: z.number().int(),
  /** One answer per question, in order. */
  answers: z.array(z.boolean()).length(ASSESSMENT_QUESTIONS.length),
  yesCount: z.number().int().min(0).max(ASSESSMENT_QUESTIONS.length),
  phase: z.enum(['entry', 'mid', 'senior', 'staff']),
  assessedAt: z.iso.datetime({ offset: true }),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

export function assess(answers: readonly boolean[], now: Date = new Date()): Assessment {
  if (answers.length !== ASSESSMENT_QUESTIONS.length) {
    throw new LabError('usage', `Got ${answers.length} answers; the self-assessment has ${ASSESSMENT_QUESTIONS.length} questions.`, 'Answer every question yes or no.');
  }
  const yesCount = answers.filter(Boolean).length;
  return { schemaVersion: ASSESSMENT_SCHEMA_VERSION, ladderVersion: LADDER_VERSION, answers: [...answers], yesCount, phase: phaseForYesCount(yesCount), assessedAt: now.toISOString() };
}

/**
 * `--yes 1,3` → answers; `--yes none` (or an empty list) answers no to all. Question numbers are
 * 1-based as printed.
 */
export function answersFromYesList(list: string): boolean[] {
  const trimmed = list.trim();
  const answers: boolean[] = ASSESSMENT_QUESTIONS.map(() => false);
  if (trimmed === '' || trimmed.toLowerCase() === 'none') return answers;
  for (const part of trimmed.split(',')) {
    const n = Number(part.trim());
    if (!/^\d+$/.test(part.trim()) || n < 1 || n > ASSESSMENT_QUESTIONS.length) {
      throw new LabError('usage', `--yes ${list}: "${part.trim()}" is not a question number.`, `List the questions you answer yes to, from 1 to ${ASSESSMENT_QUESTIONS.length}, e.g. --yes 1,3 (or --yes none).`);
    }
    answers[n - 1] = true;
  }
  return answers;
}

export function assessmentPath(workspaceDir: string): string {
  return join(workspaceDir, 'ladder', 'assessment.json');
}

/** Replaces the stored assessment atomically: a reader sees the old file or the new one, never half. */
export async function saveAssessment(workspaceDir: string, assessment: Assessment): Promise<string> {
  const path = assessmentPath(workspaceDir);
  const dir = await ensureWorkspaceSubfolder(workspaceDir, 'ladder');
  const temp = await writeSyncedTempFile(dir, 'assessment.json', Buffer.from(`${JSON.stringify(AssessmentSchema.parse(assessment), null, 2)}\n`));
  try {
    await rename(temp, path);
    await syncDirectory(dir);
  } finally {
    await rm(temp, { force: true });
  }
  return path;
}

export async function loadAssessment(workspaceDir: string): Promise<Assessment | null> {
  const path = assessmentPath(workspaceDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LabError('input', `${path} is not valid JSON.`, 'Take the self-assessment again with `edgelab ladder assess` to replace it.');
  }
  const parsed = AssessmentSchema.safeParse(json);
  if (!parsed.success) {
    throw new LabError('input', `${path} fails validation: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}.`, 'Take the self-assessment again with `edgelab ladder assess` to replace it.');
  }
  return parsed.data;
}
