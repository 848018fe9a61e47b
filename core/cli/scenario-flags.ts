import { parseArgs } from 'node:util';
import { LabError } from '../api/errors.js';
import { RunSpecSchema, type RunSpec } from '../api/run-spec.js';
import { durationSeconds, oneOf, wholeNumber } from './args.js';
import { checkNumericFlags } from './numeric-flags.js';

/** parseArgs definitions of the scenario flags `edgelab bench` and `edgelab sweep` share. */
export const scenarioOptions = {
  scenario: { type: 'string' },
  concurrency: { type: 'string' },
  sessions: { type: 'string' },
  qps: { type: 'string' },
  'find-max-qps': { type: 'boolean' },
  bound: { type: 'string' },
  'trial-duration': { type: 'string' },
  'max-trials': { type: 'string' },
  'schedule-seed': { type: 'string' },
  trials: { type: 'string' },
  'batch-dim': { type: 'string' },
  telemetry: { type: 'boolean' },
  'no-telemetry': { type: 'boolean' },
} as const;

export type ScenarioFlagValues = { [K in keyof typeof scenarioOptions]?: (typeof scenarioOptions)[K]['type'] extends 'boolean' ? boolean : string };

export const scenarioHelp = `Scenario
  --scenario NAME         single-stream (default), throughput (MLPerf Offline-like) or server (MLPerf Server-like)
  --concurrency N         throughput: requests kept in flight (default 2)
  --sessions N            throughput/server: ONNX Runtime sessions the requests are spread over (default 1)
  --qps Q                 server: Poisson arrival rate, queries per second
  --find-max-qps          server: search for the highest QPS that keeps --bound, then confirm it with a
                          full-length run there (stepping down 20 % at a time, up to 4 times, until one holds;
                          none holding is a failed target, exit 1)
  --bound EXPR            the latency bound of the search, e.g. p99<=15ms
  --trial-duration S      length of each search trial (default 1s; at least as many queries as the bound's
                          percentile needs for a 95 % interval, e.g. 368 for p99)
  --max-trials N          search trials at most (default 12)
  --schedule-seed N       seed of the arrival schedule (default 1)
  --trials N              repeat the measurement N times; reports between- beside within-trial variation
  --batch-dim NAME        the symbolic dim that is the batch: latency and throughput per sample use it
  --no-telemetry          do not sample CPU load/clock, temperature, energy (RAPL, tegrastats, nvidia-smi)
`;

/**
 * Splits the scenario flags out of an argument list and leaves every other flag and positional in
 * order, so a command can hand the rest to its own strict parser.
 */
export function extractScenarioFlags(argv: readonly string[], command = 'sweep'): { values: ScenarioFlagValues; rest: string[] } {
  const { tokens } = parseArgs({ args: [...argv], options: scenarioOptions, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean> = {};
  const rest: string[] = [];
  const mine = new Set(Object.keys(scenarioOptions));
  for (const token of tokens) {
    if (token.kind === 'positional') rest.push(token.value);
    else if (token.kind === 'option-terminator') rest.push('--');
    else if (mine.has(token.name)) {
      const type = scenarioOptions[token.name as keyof typeof scenarioOptions].type;
      if (type === 'string' && token.value === undefined) {
        throw new LabError('usage', `${token.rawName} needs a value.`, `See \`edgelab ${command} --help\`.`);
      }
      values[token.name] = type === 'boolean' ? true : (token.value as string);
    } else rest.push(token.inlineValue ? `${token.rawName}=${token.value}` : token.rawName, ...(token.value !== undefined && !token.inlineValue ? [token.value] : []));
  }
  checkNumericFlags(values, command);
  return { values: values as ScenarioFlagValues, rest };
}

function positiveNumber(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new LabError('usage', `${flag} ${value}: expected a positive number.`, `For example ${flag} 50.`);
  return n;
}

/** Scenario flags → the spec's scenario (and telemetry), validated again by the RunSpec schema. */
export function applyScenarioFlags(spec: RunSpec, v: ScenarioFlagValues): RunSpec {
  const kind = v.scenario ? oneOf('--scenario', v.scenario, ['single-stream', 'throughput', 'server'] as const) : spec.scenario.kind;
  const { warmup, iterations, durationS } = spec.scenario;
  const common = {
    warmup,
    ...(iterations !== undefined ? { iterations } : {}),
    ...(durationS !== undefined ? { durationS } : {}),
    ...(v.trials ? { trials: wholeNumber('--trials', v.trials, 1) } : spec.scenario.trials !== undefined ? { trials: spec.scenario.trials } : {}),
    ...(v['batch-dim'] ? { batchDim: v['batch-dim'] } : spec.scenario.batchDim !== undefined ? { batchDim: spec.scenario.batchDim } : {}),
  };
  const only = (flag: keyof ScenarioFlagValues, kinds: readonly string[]) => {
    if (v[flag] !== undefined && !kinds.includes(kind)) {
      throw new LabError('usage', `--${flag} applies to --scenario ${kinds.join(' or ')}, not ${kind}.`, `Add --scenario ${kinds[0]}.`);
    }
  };
  only('concurrency', ['throughput']);
  only('sessions', ['throughput', 'server']);
  for (const flag of ['qps', 'find-max-qps', 'bound', 'trial-duration', 'max-trials', 'schedule-seed'] as const) only(flag, ['server']);
  if (v['find-max-qps'] && !v.bound) throw new LabError('usage', '--find-max-qps needs --bound EXPR.', 'For example --find-max-qps --bound p99<=15ms.');
  if (v.bound && !v['find-max-qps']) throw new LabError('usage', '--bound is the latency bound of --find-max-qps.', 'Add --find-max-qps, or use --target for a verdict on a fixed-QPS run.');
  if (kind === 'server' && !v.qps && !v['find-max-qps']) throw new LabError('usage', '--scenario server needs --qps Q or --find-max-qps --bound EXPR.', 'For example --qps 50.');

  const scenario =
    kind === 'single-stream'
      ? { kind, ...common }
      : kind === 'throughput'
        ? { kind, ...common, concurrency: v.concurrency ? wholeNumber('--concurrency', v.concurrency, 1) : 2, sessions: v.sessions ? wholeNumber('--sessions', v.sessions, 1) : 1 }
        : {
            kind,
            ...common,
            ...(v.qps ? { qps: positiveNumber('--qps', v.qps) } : {}),
            seed: v['schedule-seed'] ? wholeNumber('--schedule-seed', v['schedule-seed']) : 1,
            sessions: v.sessions ? wholeNumber('--sessions', v.sessions, 1) : 1,
            ...(v['find-max-qps']
              ? {
                  findMaxQps: {
                    bound: v.bound as string,
                    ...(v['trial-duration'] ? { trialDurationS: durationSeconds('--trial-duration', v['trial-duration']) } : {}),
                    ...(v['max-trials'] ? { maxTrials: wholeNumber('--max-trials', v['max-trials'], 2) } : {}),
                  },
                }
              : {}),
          };
  // Telemetry is on unless turned off: it samples at 4 Hz off the timed region (see bench/overhead.ts).
  // The bound the search kept is also judged on the final measurement at the rate it found, so the
  // record says whether that run held it (on a noisy machine it may not).
  const targets = v.bound && !spec.targets.includes(v.bound) ? [...spec.targets, v.bound] : spec.targets;
  return RunSpecSchema.parse({ ...spec, scenario, targets, telemetry: !v['no-telemetry'] });
}
