import { useCallback, useEffect, useState } from 'react';
import type { FleetReportRequest } from '../../../core/api/fleet-report.js';
import { fleetSections } from '../../../core/present/fleet-sections.js';
import { ErrorNotice } from '../components/error-notice.js';
import { saveText } from '../components/save-text.js';
import { useLab } from '../lab-context.js';
import { ReportSectionBody } from '../results/report-section-view.js';
import { useCall } from '../use-call.js';

const FORMATS = [
  { format: 'html', mediaType: 'text/html', title: 'HTML' },
  { format: 'md', mediaType: 'text/markdown', title: 'Markdown' },
  { format: 'csv', mediaType: 'text/csv', title: 'CSV' },
  { format: 'json', mediaType: 'application/json', title: 'JSON' },
] as const;
type FleetFormat = (typeof FORMATS)[number]['format'];

/**
 * `edgelab report --fleet` in the app: every unit's newest run of each model, engine and precision,
 * grouped by hardware kind, the spread between sibling units and the ones significantly slower. The
 * tables are core/present's fleet sections, the same the Markdown and HTML reports draw.
 */
export function FleetScreen() {
  const lab = useLab();
  const [model, setModel] = useState('');
  const [unit, setUnit] = useState('');
  const [format, setFormat] = useState<FleetFormat>('html');
  const narrowing = useCallback((): FleetReportRequest => ({ ...(model.trim() ? { model: model.trim() } : {}), ...(unit.trim() ? { unit: unit.trim() } : {}) }), [model, unit]);
  const report = useCall(useCallback(() => lab.fleetReport(narrowing()), [lab, narrowing]));
  const exported = useCall(useCallback(() => lab.fleetReport({ ...narrowing(), format }), [lab, narrowing, format]));
  const { run: load } = report;
  // Read once on opening; a changed filter is applied with the Show button.
  useEffect(() => void load(), []); // eslint-disable-line react-hooks/exhaustive-deps

  const download = async () => {
    const result = await exported.run();
    if (!result?.content) return;
    const kind = FORMATS.find((f) => f.format === format)!;
    saveText(`edgelab-fleet.${format}`, result.content, kind.mediaType);
  };

  const fleet = report.result?.fleet;
  return (
    <section aria-labelledby="fleet-heading">
      <h1 id="fleet-heading">Fleet</h1>
      <form className="row" aria-label="Which runs" onSubmit={(e) => { e.preventDefault(); void load(); }}>
        <label htmlFor="fleet-model">Model</label>
        <input id="fleet-model" data-request-field="fleetReport.request.model" placeholder="file name, path or SHA-256 prefix" value={model} onChange={(e) => setModel(e.target.value)} />
        <label htmlFor="fleet-unit">Unit</label>
        <input id="fleet-unit" data-request-field="fleetReport.request.unit" placeholder="label or id" value={unit} onChange={(e) => setUnit(e.target.value)} />
        <button type="submit" disabled={report.busy}>Show</button>
      </form>
      <ErrorNotice error={report.error ?? exported.error} />
      {report.busy ? <p aria-live="polite">Reading the workspace's runs…</p> : null}
      {fleet ? (
        fleet.cells.length === 0 ? (
          <p className="muted">No completed runs{model || unit ? ' match' : ' yet'}: benchmark on each unit (set EDGELAB_UNIT_LABEL there), or merge their bundles here.</p>
        ) : (
          fleetSections(fleet).map((section, i) => (
            <section key={i} className="fleet-section" aria-label={section.title}>
              <h2>{section.title}</h2>
              <ReportSectionBody section={section} />
            </section>
          ))
        )
      ) : null}
      <div className="row">
        <label htmlFor="fleet-format">Format</label>
        <select id="fleet-format" data-request-field="fleetReport.request.format" value={format} onChange={(e) => setFormat(e.target.value as FleetFormat)}>
          {FORMATS.map((f) => <option key={f.format} value={f.format}>{f.title}</option>)}
        </select>
        <button type="button" disabled={exported.busy} onClick={() => void download()}>Export the fleet report</button>
      </div>
    </section>
  );
}
