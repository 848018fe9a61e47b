import { useMemo } from 'react';
import type { RunRecord } from '../../../core/api/run-record.js';
import { telemetrySeriesOf, telemetrySeriesSpec } from '../../../core/present/charts/telemetry-over-run.js';
import { runSections } from '../../../core/present/sections/run-sections.js';
import { VegaChart } from '../charts/vega-chart.js';
import { Fold } from '../components/fold.js';
import { ReportSectionBody } from './report-section-view.js';

/** Drawn elsewhere on the Results screen: the op breakdown, and the imported-evidence banner. */
const OWN_PLACE = new Set(['profile', 'origin']);

/**
 * The run's extras, one folded section each, as the reports and `edgelab runs show` build them
 * (core/present's runSections): a summary this edgelab knows has its own tables, anything else the
 * name: value tables, so nothing the record holds is hidden. A failed run shows its extras too: a
 * max-QPS search that found no rate fails, and its trials are the answer.
 */
export function ExtrasSections({ record }: { record: RunRecord }) {
  const sections = useMemo(() => runSections(record).filter((s) => !OWN_PLACE.has(s.key)), [record]);
  const series = useMemo(() => telemetrySeriesOf(record.extras['telemetry']), [record]);
  const chart = useMemo(() => (series ? telemetrySeriesSpec(series) : null), [series]);
  return (
    <>
      {sections.map((section) => (
        <Fold key={section.key} id={`results-extras-${section.key}`} headingId={`extras-${section.key}`} className={`extras-section extras-${section.key}`} title={section.title}>
          <ReportSectionBody section={section} />
          {section.key === 'telemetry' && chart ? <VegaChart spec={chart} label={`Telemetry over the run: ${chart.description ?? ''}`} /> : null}
        </Fold>
      ))}
    </>
  );
}
