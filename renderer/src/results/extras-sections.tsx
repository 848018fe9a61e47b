import type { ReactNode } from 'react';
import type { RunRecord } from '../../../core/api/run-record.js';
import { ExtrasView } from '../components/extras-view.js';
import { planExtrasSections, type ExtrasSectionPlan } from './extras-plan.js';
import { MemoryView, PipelineView } from './run-extras-views.js';
import { MaxQpsView, PerSampleView, ServerView, ThroughputView, TrialsView } from './scenario-views.js';
import { TelemetryView } from './telemetry-view.js';

function body(plan: ExtrasSectionPlan, record: RunRecord): ReactNode {
  switch (plan.view) {
    case 'throughput': return <ThroughputView throughput={plan.value} throughputPerS={record.state === 'completed' ? record.throughputPerS : null} />;
    case 'maxQps': return <MaxQpsView maxQps={plan.value} />;
    case 'server': return <ServerView server={plan.value} />;
    case 'trials': return <TrialsView trials={plan.value} />;
    case 'perSample': return <PerSampleView perSample={plan.value} />;
    case 'pipeline': return <PipelineView pipeline={plan.value} />;
    case 'memory': return <MemoryView memory={plan.value} />;
    case 'telemetry': return <TelemetryView telemetry={plan.value} />;
    case 'generic': return <ExtrasView name={plan.key} value={plan.value} />;
  }
}

/**
 * The run's extras, one section each (see planExtrasSections). A failed run shows its extras too:
 * a max-QPS search that found no rate fails, and its trials are the answer.
 */
export function ExtrasSections({ record }: { record: RunRecord }) {
  return (
    <>
      {planExtrasSections(record.extras).map((plan) => (
        <section key={plan.key} aria-labelledby={`extras-${plan.key}`} className="extras-section">
          <h2 id={`extras-${plan.key}`}>{plan.title}</h2>
          {body(plan, record)}
        </section>
      ))}
    </>
  );
}
