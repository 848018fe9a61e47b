import type { MaxQpsSearch } from './max-qps.js';
import type { MeasuredTrial, ServerTrialInfo } from './measure-trial.js';

/** `extras.server` of a server-scenario run: the rate asked and achieved, the queries, the issue lag. */
export function serverExtras(trials: readonly MeasuredTrial[], sessions: number, search: MaxQpsSearch | undefined) {
  const infos = trials.map((t) => t.server).filter((s): s is ServerTrialInfo => s !== undefined);
  const first = infos[0];
  return {
    sessions,
    targetQps: first?.targetQps ?? 0,
    achievedQps: infos.reduce((sum, s) => sum + s.achievedQps, 0) / Math.max(1, infos.length),
    scheduledQueries: infos.reduce((sum, s) => sum + s.scheduledQueries, 0),
    completedQueries: infos.reduce((sum, s) => sum + s.completedQueries, 0),
    issueLagMs: first?.issueLagMs ?? { p50: 0, p99: 0, max: 0 },
    latencyFrom: 'scheduled arrival',
    ...(search ? { foundBy: 'max-QPS search', bound: search.bound } : {}),
  };
}
