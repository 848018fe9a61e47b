import { useCallback, useEffect, useState } from 'react';
import type { TradeoffFormat, TradeoffRequest } from '../../../core/api/tradeoff.js';
import { tradeoffChartSpec } from '../../../core/present/charts/tradeoff-chart.js';
import { tradeoffSections } from '../../../core/present/tradeoff-sections.js';
import { VegaChart } from '../charts/vega-chart.js';
import { ErrorNotice } from '../components/error-notice.js';
import { saveText } from '../components/save-text.js';
import { useLab } from '../lab-context.js';
import { ReportSectionBody } from '../results/report-section-view.js';
import { useCall } from '../use-call.js';

const FORMATS: ReadonlyArray<{ format: TradeoffFormat; mediaType: string; title: string }> = [
  { format: 'html', mediaType: 'text/html', title: 'HTML' },
  { format: 'md', mediaType: 'text/markdown', title: 'Markdown' },
  { format: 'csv', mediaType: 'text/csv', title: 'CSV' },
  { format: 'json', mediaType: 'application/json', title: 'JSON' },
];

/**
 * `edgelab report --tradeoff` in the app: per model family, each variant's accuracy, speed and
 * stated hardware cost with the Pareto front starred, and the accuracy-against-p99 chart the HTML
 * report embeds. The tables are core/present's tradeoff sections.
 */
export function TradeoffScreen() {
  const lab = useLab();
  const [family, setFamily] = useState('');
  const [format, setFormat] = useState<TradeoffFormat>('html');
  const narrowing = useCallback((): TradeoffRequest => (family.trim() ? { family: family.trim() } : {}), [family]);
  const report = useCall(useCallback(() => lab.tradeoff(narrowing()), [lab, narrowing]));
  const exported = useCall(useCallback(() => lab.tradeoff({ ...narrowing(), format }), [lab, narrowing, format]));
  const { run: load } = report;
  // Read once on opening; a changed family is applied with the Show button.
  useEffect(() => void load(), []); // eslint-disable-line react-hooks/exhaustive-deps

  const download = async () => {
    const result = await exported.run();
    if (!result?.content) return;
    const kind = FORMATS.find((f) => f.format === format)!;
    saveText(`edgelab-tradeoff.${format}`, result.content, kind.mediaType);
  };

  const view = report.result?.view;
  const sections = view ? tradeoffSections(view) : [];
  return (
    <section aria-labelledby="tradeoff-heading">
      <h1 id="tradeoff-heading">Tradeoff</h1>
      <form className="row" aria-label="Which family" onSubmit={(e) => { e.preventDefault(); void load(); }}>
        <label htmlFor="tradeoff-family">Family</label>
        <input id="tradeoff-family" data-request-field="tradeoff.request.family" placeholder="family tag or labelled set name" value={family} onChange={(e) => setFamily(e.target.value)} />
        <button type="submit" disabled={report.busy}>Show</button>
      </form>
      <ErrorNotice error={report.error ?? exported.error} />
      {report.busy ? <p aria-live="polite">Reading the workspace's runs and prices…</p> : null}
      {view ? (
        view.families.length === 0 ? (
          <p className="muted">No accuracy pass yet: run an accuracy pass (Check outputs) and a benchmark of each variant, then state the hardware's price on the Brief screen.</p>
        ) : (
          sections.map((section, i) => {
            const fam = section.key === 'tradeoff-family' ? view.families[i] : undefined;
            const spec = fam ? tradeoffChartSpec(fam) : null;
            return (
              <section key={i} className="fleet-section" aria-label={section.title}>
                <h2>{section.title}</h2>
                <ReportSectionBody section={section} />
                {spec ? <VegaChart spec={spec} label={`${section.title}: accuracy against p99 latency, Pareto front drawn`} /> : null}
              </section>
            );
          })
        )
      ) : null}
      <div className="row">
        <label htmlFor="tradeoff-format">Format</label>
        <select id="tradeoff-format" data-request-field="tradeoff.request.format" value={format} onChange={(e) => setFormat(e.target.value as TradeoffFormat)}>
          {FORMATS.map((f) => <option key={f.format} value={f.format}>{f.title}</option>)}
        </select>
        <button type="button" disabled={exported.busy} onClick={() => void download()}>Export the tradeoff report</button>
      </div>
    </section>
  );
}
