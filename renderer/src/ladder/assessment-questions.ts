/**
 * The self-assessment's five questions, as core/ladder/self-assessment.ts asks them in the CLI.
 * core/ladder reads the file system, so the renderer cannot import it; a unit test
 * (test/unit/renderer-assessment-questions.test.ts) keeps this copy identical to the source.
 */
export const ASSESSMENT_QUESTIONS: readonly string[] = [
  'Have you shipped a vision model into a production system that does real-time inference (not a notebook, not a demo)?',
  'Have you built or led the evaluation protocol your team trusts before it deploys a model?',
  'Do you own the performance benchmarks of a model you deployed, including latency targets on an edge device?',
  'Have you made architecture decisions about a model or its deployment stack that nobody senior had specified for you?',
  'Have you explained an accuracy / speed / cost tradeoff to a non-technical stakeholder and got their sign-off?',
];
