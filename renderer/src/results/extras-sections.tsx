import { useEffect, useState, type ReactNode } from 'react';
import type { ReportSectionView } from '../../../core/api/report-view.js';
import { useLab } from '../lab-context.js';
import { ReportSectionBody } from './report-section-view.js';
import type { RunRecord } from '../../../core/api/run-record.js';
import { ExtrasView } from '../components/extras-view.js';
import { Fold } from '../components/fold.js';
import { planExtrasSections, type ExtrasSectionPlan } from './extras-plan.js';
import { MemoryView, PipelineView } from './run-extras-views.js';
import { MaxQpsView, PerSampleView, ServerView, ThroughputView, TrialsView } from './scenario-views.js';
import { TelemetryView } from './telemetry-view.js';

function body(plan: ExtrasSectionPlan, record: RunRecord, sections: ReportSectionView[] | undefined): ReactNode {
  switch (plan.view) {
    case 'throughput': return <ThroughputView throughput={plan.value} throughputPerS={record.state === 'completed' ? record.throughputPerS : null} />;
    case 'maxQps': return <MaxQpsView maxQps={plan.value} />;
    case 'server': return <ServerView server={plan.value} />;
    case 'trials': return <TrialsView trials={plan.value} />;
    case 'perSample': return <PerSampleView perSample={plan.value} />;
    case 'pipeline': return <PipelineView pipeline={plan.value} />;
    case 'memory': return <MemoryView memory={plan.value} />;
    case 'telemetry': return <TelemetryView telemetry={plan.value} />;
    case 'generic': {
      // The reports' own section for this key (parity, output checks, accuracy, a sweep) when there
      // is one; the name: value view only for what no face has a design for.
      const section = sections?.find((s) => s.key === plan.key);
      return section ? <ReportSectionBody section={section} /> : <ExtrasView name={plan.key} value={plan.value} />;
    }
  }
}

/**
 * The run's extras, one folded section each (see planExtrasSections), titled as the reports title them. A failed run shows its extras too:
 * a max-QPS search that found no rate fails, and its trials are the answer.
 */
export function ExtrasSections({ record }: { record: RunRecord }) {
  const lab = useLab();
  const plans = planExtrasSections(record.extras);
  const needsSections = plans.some((p) => p.view === 'generic');
  const [sections, setSections] = useState<{ id: string; value: ReportSectionView[] } | null>(null);
  useEffect(() => {
    if (!needsSections) return;
    let current = true;
    // Without the sections, the generic view still shows every value: nothing is hidden on failure.
    lab.runSections(record.id).then((value) => current && setSections({ id: record.id, value }), () => undefined);
    return () => {
      current = false;
    };
  }, [lab, record.id, needsSections]);
  const loaded = sections?.id === record.id ? sections.value : undefined;
  return (
    <>
      {plans.map((plan) => (
        <Fold key={plan.key} id={`results-extras-${plan.key}`} headingId={`extras-${plan.key}`} className="extras-section" title={loaded?.find((s) => s.key === plan.key)?.title ?? plan.title}>
          {body(plan, record, loaded)}
        </Fold>
      ))}
    </>
  );
}
