import {
  isMaxQpsExtras, isMemoryExtras, isPerSampleExtras, isPipelineExtras, isServerExtras, isTelemetryExtras, isThroughputExtras, isTrialsExtras,
  type MaxQpsExtras, type MemoryExtras, type PerSampleExtras, type PipelineExtras, type ServerExtras, type TelemetryExtras, type ThroughputExtras, type TrialsExtras,
} from './extras-shapes.js';

/** One section of the Results screen: a known summary with its view, or the generic name: value view. */
export type ExtrasSectionPlan = { key: string; title: string } & (
  | { view: 'throughput'; value: ThroughputExtras }
  | { view: 'maxQps'; value: MaxQpsExtras }
  | { view: 'server'; value: ServerExtras }
  | { view: 'trials'; value: TrialsExtras }
  | { view: 'perSample'; value: PerSampleExtras }
  | { view: 'pipeline'; value: PipelineExtras }
  | { view: 'memory'; value: MemoryExtras }
  | { view: 'telemetry'; value: TelemetryExtras }
  | { view: 'generic'; value: unknown }
);

type KnownView = Exclude<ExtrasSectionPlan['view'], 'generic'>;

/** Extras with a view of their own, in the order the reports show them. */
const KNOWN: Array<{ view: KnownView; title: string; is: (v: unknown) => boolean }> = [
  { view: 'throughput', title: 'Throughput scenario', is: isThroughputExtras },
  { view: 'maxQps', title: 'Max-QPS search', is: isMaxQpsExtras },
  { view: 'server', title: 'Server scenario', is: isServerExtras },
  { view: 'trials', title: 'Trials', is: isTrialsExtras },
  { view: 'perSample', title: 'Per sample', is: isPerSampleExtras },
  { view: 'pipeline', title: 'Pipeline stages', is: isPipelineExtras },
  { view: 'memory', title: 'Memory', is: isMemoryExtras },
  { view: 'telemetry', title: 'Telemetry', is: isTelemetryExtras },
];
/** Drawn elsewhere on the screen (the op breakdown). */
const OWN_SECTION = new Set(['profile']);

/**
 * The run's extras as sections: known summaries with their own tables, anything else (a summary newer
 * than this screen, or a known key in a shape it does not recognise) in the generic view, so nothing
 * the record holds is hidden.
 */
export function planExtrasSections(extras: Record<string, unknown>): ExtrasSectionPlan[] {
  const plans: ExtrasSectionPlan[] = [];
  for (const known of KNOWN) {
    const value = extras[known.view];
    if (value === undefined) continue;
    plans.push(known.is(value) ? ({ key: known.view, title: known.title, view: known.view, value } as ExtrasSectionPlan) : { key: known.view, title: known.title, view: 'generic', value });
  }
  const knownKeys = new Set<string>(KNOWN.map((k) => k.view));
  for (const [key, value] of Object.entries(extras)) {
    if (!knownKeys.has(key) && !OWN_SECTION.has(key)) plans.push({ key, title: key, view: 'generic', value });
  }
  return plans;
}
