import { describe, expect, it } from 'vitest';
import { isLabError } from '../../core/api/errors.js';
import { answersFromYesList, assess } from '../../core/ladder/self-assessment.js';
import { ASSESSMENT_QUESTIONS } from '../../core/present/assessment-questions.js';

describe('self-assessment routing', () => {
  it('asks five questions', () => {
    expect(ASSESSMENT_QUESTIONS).toHaveLength(5);
  });

  it.each([
    [0, 'entry'],
    [1, 'mid'],
    [2, 'mid'],
    [3, 'senior'],
    [4, 'senior'],
    [5, 'staff'],
  ] as const)('%i yes → %s phase', (yesCount, phase) => {
    const answers = ASSESSMENT_QUESTIONS.map((_, i) => i < yesCount);
    const result = assess(answers, new Date('2026-03-02T10:00:00Z'));
    expect(result.phase).toBe(phase);
    expect(result.yesCount).toBe(yesCount);
  });

  it('reads --yes lists as 1-based question numbers', () => {
    expect(answersFromYesList('1,3')).toEqual([true, false, true, false, false]);
    expect(answersFromYesList('none')).toEqual([false, false, false, false, false]);
    expect(answersFromYesList(' 5 , 4 ')).toEqual([false, false, false, true, true]);
  });

  it('rejects a question number that does not exist, naming it', () => {
    try {
      answersFromYesList('1,6');
      expect.unreachable();
    } catch (e) {
      expect(isLabError(e) && e.message).toBe('--yes 1,6: "6" is not a question number.');
    }
  });
});
