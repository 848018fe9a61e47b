import { useCallback, useState } from 'react';
import type { ExportedReport } from '../../../core/api/lab-api.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';
import { ErrorNotice } from './error-notice.js';
import { TeamExportPanel } from './team-export-panel.js';

const FORMATS = [
  { format: 'html', title: 'HTML' },
  { format: 'md', title: 'Markdown' },
  { format: 'json', title: 'JSON' },
  { format: 'csv', title: 'CSV' },
  { format: 'junit', title: 'JUnit' },
] as const;
type Format = (typeof FORMATS)[number]['format'];

/** Saves a report through the browser's download, so the same code works served and in Electron. */
function download(report: ExportedReport): void {
  const url = URL.createObjectURL(new Blob([report.content], { type: report.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = report.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; revoking on the next task keeps the URL alive for it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ExportPanel({ runIds }: { runIds: string[] }) {
  const lab = useLab();
  const exportPdf = lab.exportPdf;
  const [saved, setSaved] = useState<string | null>(null);
  const [servedUrl, setServedUrl] = useState<string | null>(null);
  const [head, setHead] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const report = useCall(useCallback((format: Format, named: string) => lab.exportReport(runIds, format, named || undefined), [lab, runIds]));
  const pdf = useCall(useCallback(async () => (exportPdf ? exportPdf(runIds) : null), [exportPdf, runIds]));

  const exportAs = async (format: Format) => {
    const result = await report.run(format, title.trim());
    if (result) {
      download(result);
      setSaved(result.fileName);
      setHead(result.ledgerHead ?? null);
      // `edgelab serve` also keeps the report at a URL of its own, so an HTML report opens in a tab.
      setServedUrl(result.url && format === 'html' ? result.url : null);
    }
  };
  const savePdf = async () => {
    const path = await pdf.run();
    if (path) setSaved(path);
  };

  return (
    <section aria-labelledby="export-heading" className="export">
      <h2 id="export-heading">Export report</h2>
      <div className="row">
        <label htmlFor="report-title">Report title</label>
        <input id="report-title" type="text" className="wide" placeholder="edgelab report" data-request-field="exportReport.title" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="row" role="group" aria-label="Report format">
        {FORMATS.map(({ format, title: name }) => (
          <button type="button" key={format} data-request-field="exportReport.format" disabled={report.busy || runIds.length === 0} onClick={() => void exportAs(format)}>{name}</button>
        ))}
        {exportPdf ? <button type="button" disabled={pdf.busy || runIds.length === 0} onClick={() => void savePdf()}>PDF…</button> : null}
      </div>
      <p aria-live="polite" className="muted">
        {saved ? `Saved ${saved}` : ''}
        {servedUrl ? <> · <a href={servedUrl} target="_blank" rel="noreferrer">open the HTML report in a new tab</a></> : null}
      </p>
      {saved && head ? <p className="muted">Evidence ledger head (pin it; check it under Verify evidence): <code>{head}</code></p> : null}
      <ErrorNotice error={report.error ?? pdf.error} />
      <TeamExportPanel runIds={runIds} />
    </section>
  );
}
