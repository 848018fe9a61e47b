import { createInterface } from 'node:readline/promises';
import { LabError } from '../api/errors.js';
import { ASSESSMENT_QUESTIONS } from '../present/assessment-questions.js';

/** `--yes 1,3` (or `none`): the questions answered yes, by number; every other one is a no. */
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

/** Asks the five questions on a terminal; anything but y/yes counts as no. */
export async function askAssessmentQuestions(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<boolean[]> {
  const rl = createInterface({ input, output, terminal: false });
  try {
    const answers: boolean[] = [];
    for (const [i, question] of ASSESSMENT_QUESTIONS.entries()) {
      const reply = await rl.question(`${i + 1}/${ASSESSMENT_QUESTIONS.length} ${question} [y/N] `);
      answers.push(/^\s*y(es)?\s*$/i.test(reply));
    }
    return answers;
  } finally {
    rl.close();
  }
}
