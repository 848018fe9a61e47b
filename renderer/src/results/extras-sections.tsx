import type { ReactNode } from 'react';
import type { RunRecord } from '../../../core/api/run-record.js';
import { ExtrasView } from '../components/extras-view.js';
import {
  isMaxQpsExtras, isMemoryExtras, isPerSampleExtras, isPipelineExtras, isServerExtras, isTelemetryExtras, isThroughputExtras, isTrialsExtras,
} from './extras-shapes.js';
import { MemoryView, PipelineView } from './run-extras-views.js';
import { MaxQpsView, PerSampleView, ServerView, ThroughputView, TrialsView } from './scenario-views.js';
import { TelemetryView } from './telemetry-view.js';

/** Extras with a view of their own, in the order the reports show them; `profile` has its own section. */
const SECTIONS: Array<{ key: string; title: string; view: (value: unknown, record: RunRecord) => ReactNode | null }> = [
  { key: 'throughput', title: 'Throughput scenario', view: (v, r) => (isThroughputExtras(v) ? <ThroughputView throughput={v} throughputPerS={r.state === 'completed' ? r.throughputPerS : null} /> : null) },
  { key: 'maxQps', title: 'Max-QPS search', view: (v) => (isMaxQpsExtras(v) ? <MaxQpsView maxQps={v} /> : null) },
  { key: 'server', title: 'Server scenario', view: (v) => (isServerExtras(v) ? <ServerView server={v} /> : null) },
  { key: 'trials', title: 'Trials', view: (v) => (isTrialsExtras(v) ? <TrialsView trials={v} /> : null) },
  { key: 'perSample', title: 'Per sample', view: (v) => (isPerSampleExtras(v) ? <PerSampleView perSample={v} /> : null) },
  { key: 'pipeline', title: 'Pipeline stages', view: (v) => (isPipelineExtras(v) ? <PipelineView pipeline={v} /> : null) },
  { key: 'memory', title: 'Memory', view: (v) => (isMemoryExtras(v) ? <MemoryView memory={v} /> : null) },
  { key: 'telemetry', title: 'Telemetry', view: (v) => (isTelemetryExtras(v) ? <TelemetryView telemetry={v} /> : null) },
];
const OWN_SECTION = new Set(['profile']);

/**
 * The run's extras as sections: known summaries in their own tables, anything else (a summary newer
 * than this screen, or a known key in a shape it does not recognise) in the generic view, so nothing
 * the record holds is hidden. A failed run shows its extras too: a max-QPS search that found no rate
 * fails, and its trials are the answer.
 */
export function ExtrasSections({ record }: { record: RunRecord }) {
  const known = new Set(SECTIONS.map((s) => s.key));
  const sections = SECTIONS.filter((s) => record.extras[s.key] !== undefined).map((s) => {
    const value = record.extras[s.key];
    return { key: s.key, title: s.title, body: s.view(value, record) ?? <ExtrasView name={s.key} value={value} /> };
  });
  const others = Object.entries(record.extras).filter(([key]) => !known.has(key) && !OWN_SECTION.has(key));
  return (
    <>
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`extras-${s.key}`} className="extras-section">
          <h2 id={`extras-${s.key}`}>{s.title}</h2>
          {s.body}
        </section>
      ))}
      {others.map(([key, value]) => (
        <section key={key} aria-labelledby={`extras-${key}`} className="extras-section">
          <h2 id={`extras-${key}`}>{key}</h2>
          <ExtrasView name={key} value={value} />
        </section>
      ))}
    </>
  );
}
