import type { ScenarioKind, ServerRate } from '../run-form.js';
import type { FieldProps } from './field-props.js';

const SCENARIOS: Array<[ScenarioKind, string]> = [
  ['single-stream', 'single-stream: one inference at a time'],
  ['throughput', 'throughput: requests kept in flight (MLPerf Offline)'],
  ['server', 'server: Poisson arrivals at a rate (MLPerf Server)'],
];

/** Where each field lands in the spec's scenario (the request field its control sets). */
const SPEC_PATHS = { concurrency: 'concurrency', sessions: 'sessions', qps: 'qps', bound: 'findMaxQps.bound', trialDurationS: 'findMaxQps.trialDurationS', maxTrials: 'findMaxQps.maxTrials', scheduleSeed: 'seed' } as const;

/** The scenario and only the fields that apply to it, named as `edgelab bench --scenario` names them. */
export function ScenarioFieldset({ form, set, disabled }: FieldProps & { disabled: boolean }) {
  const field = (id: string, label: string, key: 'concurrency' | 'sessions' | 'qps' | 'bound' | 'trialDurationS' | 'maxTrials' | 'scheduleSeed', input: { type: 'number' | 'text'; min?: number; step?: string }) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={input.type} min={input.min} step={input.step} value={form[key]} onChange={(e) => set(key, e.target.value)} spellCheck={false} data-request-field={`startRun.spec.scenario.${SPEC_PATHS[key]}`} />
    </div>
  );
  return (
    <fieldset disabled={disabled}>
      <legend>Scenario</legend>
      <div className="field">
        <label htmlFor="scenario">Scenario</label>
        <select id="scenario" data-request-field="startRun.spec.scenario.kind" value={form.scenario} onChange={(e) => set('scenario', e.target.value as ScenarioKind)}>
          {SCENARIOS.map(([kind, text]) => <option key={kind} value={kind}>{text}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="batch-dim">Per-sample batch dim (optional)</label>
        <input id="batch-dim" type="text" className="mono" value={form.batchDim} onChange={(e) => set('batchDim', e.target.value)} spellCheck={false} placeholder="e.g. batch" title="The symbolic dim that is the batch: latency and throughput per sample divide by its value (bench --batch-dim)" data-request-field="startRun.spec.scenario.batchDim" />
      </div>
      {form.scenario === 'throughput' ? field('concurrency', 'Concurrency (inferences in flight)', 'concurrency', { type: 'number', min: 1 }) : null}
      {form.scenario !== 'single-stream' ? field('sessions', 'Sessions (requests spread over)', 'sessions', { type: 'number', min: 1 }) : null}
      {form.scenario === 'server' ? (
        <>
          <div className="field">
            <label htmlFor="server-rate">Rate</label>
            <select id="server-rate" value={form.serverRate} onChange={(e) => set('serverRate', e.target.value as ServerRate)}>
              <option value="fixed">a fixed QPS</option>
              <option value="find-max">find the max QPS that keeps a bound</option>
            </select>
          </div>
          {form.serverRate === 'fixed'
            ? field('qps', 'Queries per second', 'qps', { type: 'number', min: 0, step: 'any' })
            : (
              <>
                {field('bound', 'Latency bound (e.g. p99<=15ms)', 'bound', { type: 'text' })}
                {field('trial-duration', 'Search trial length (s)', 'trialDurationS', { type: 'number', min: 0, step: 'any' })}
                {field('max-trials', 'Search trials at most', 'maxTrials', { type: 'number', min: 2 })}
              </>
            )}
          {field('schedule-seed', 'Arrival schedule seed', 'scheduleSeed', { type: 'number', min: 0 })}
        </>
      ) : null}
    </fieldset>
  );
}
