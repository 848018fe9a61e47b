import { describe, expect, it } from 'vitest';
import { ASSESSMENT_QUESTIONS as LADDER_QUESTIONS } from '../../core/ladder/self-assessment.js';
import { ASSESSMENT_QUESTIONS as UI_QUESTIONS } from '../../renderer/src/ladder/assessment-questions.js';

describe('the self-assessment in the app', () => {
  it('asks the same five questions as the CLI, word for word', () => {
    expect(UI_QUESTIONS).toEqual(LADDER_QUESTIONS);
  });
});
