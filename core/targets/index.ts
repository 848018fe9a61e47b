export {
  TARGET_EXAMPLES,
  comparators,
  describeBound,
  metricInfo,
  targetMetrics,
  targetPresets,
  unitsByKind,
  type Comparator,
  type MetricKind,
  type Target,
  type TargetMetric,
} from './target.js';
export { parseTarget, parseTargets } from './parse-target.js';
export { VERDICT_CONFIDENCE, evaluateTargets, type TargetObservations } from './evaluate-targets.js';
export { exitCodeForVerdicts, verdictSummary, type VerdictSummary } from '../api/verdict-summary.js';
