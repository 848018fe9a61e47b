import type { LevelId } from '../api/ladder.js';

/**
 * The self-assessment's five yes/no questions, as `edgelab ladder assess` asks them and the app's
 * Ladder screen shows them; core/ladder counts the yes answers to pick the phase to start in.
 */
export const ASSESSMENT_QUESTIONS: readonly string[] = [
  'Have you shipped a vision model into a production system that does real-time inference (not a notebook, not a demo)?',
  'Have you built or led the evaluation protocol your team trusts before it deploys a model?',
  'Do you own the performance benchmarks of a model you deployed, including latency targets on an edge device?',
  'Have you made architecture decisions about a model or its deployment stack that nobody senior had specified for you?',
  'Have you explained an accuracy / speed / cost tradeoff to a non-technical stakeholder and got their sign-off?',
];

/** What each phase is told to work on next, after the assessment and in `ladder status`. */
export const PHASE_ADVICE: Readonly<Record<LevelId, string>> = {
  entry: 'Start with the Entry → Mid gate: get one model running end to end on real images.',
  mid: 'Work on the Mid → Senior gate: own a deployment, profile it on real hardware and explain where the time goes.',
  senior: 'Work on the Senior → Staff gate: meet a real-time target on an edge device and turn tradeoffs into recommendations.',
  staff: 'Build the evidence record of the staff gate: written decisions, evaluation infrastructure, mentorship.',
};
