import type { ModelInfo } from '../../core/api/model-info.js';
import type { ExecutionProvider, RunSpecInput } from '../../core/api/run-spec.js';

/** The Run screen's fields as typed; strings until the spec is built, so a half-typed number is not lost. */
export interface RunForm {
  provider: ExecutionProvider;
  intraOpNumThreads: string;
  dims: Record<string, string>;
  warmupIterations: string;
  iterations: string;
  durationS: string;
  targets: string;
  profile: boolean;
  label: string;
}

export function initialRunForm(model: ModelInfo | null): RunForm {
  return {
    provider: 'cpu',
    intraOpNumThreads: '0',
    dims: Object.fromEntries((model?.symbolicDims ?? []).map((d) => [d, '1'])),
    warmupIterations: '10',
    iterations: '100',
    durationS: '',
    targets: '',
    profile: false,
    label: '',
  };
}

/** Targets as typed: one per line or separated by commas, e.g. `p99<=33ms, realtime-30`. */
export function parseTargetList(text: string): string[] {
  return text.split(/[\n,]/).map((t) => t.trim()).filter((t) => t !== '');
}

/**
 * The RunSpec the form describes. Numbers are passed as typed (Number('') is left out, 'abc' becomes
 * NaN) so the server's schema, the same one the CLI uses, names the bad field in its own words.
 */
export function runSpecFromForm(modelPath: string, form: RunForm): RunSpecInput {
  const num = (text: string) => Number(text.trim());
  const dims = Object.fromEntries(Object.entries(form.dims).map(([name, value]) => [name, num(value)]));
  const iterations = form.iterations.trim() === '' ? undefined : num(form.iterations);
  const durationS = form.durationS.trim() === '' ? undefined : num(form.durationS);
  const label = form.label.trim();
  return {
    model: modelPath,
    ...(label !== '' ? { label } : {}),
    inputs: { kind: 'synthetic', dims },
    session: {
      executionProviders: [form.provider],
      intraOpNumThreads: num(form.intraOpNumThreads || '0'),
    },
    scenario: {
      kind: 'single-stream',
      warmup: { iterations: num(form.warmupIterations || '0') },
      ...(iterations !== undefined ? { iterations } : {}),
      ...(durationS !== undefined ? { durationS } : {}),
    },
    targets: parseTargetList(form.targets),
    profile: form.profile,
  };
}
