import { useCallback, useState, type FormEvent } from 'react';
import type { LadderExportRequest } from '../../../core/api/ladder.js';
import { ErrorNotice } from '../components/error-notice.js';
import { saveText } from '../components/save-text.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

/**
 * `edgelab ladder export` as a form: the evidence record (every gate, the runs and notes behind it,
 * the ledger's status) as one HTML or Markdown document to save and hand to a reviewer.
 */
export function LadderExportSection() {
  const lab = useLab();
  const [format, setFormat] = useState<LadderExportRequest['format']>('html');
  const [charts, setCharts] = useState(true);
  const call = useCall(useCallback((request: LadderExportRequest) => lab.exportLadder(request), [lab]));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const record = await call.run({ format, ...(format === 'html' && !charts ? { charts: false } : {}) });
    if (record) saveText(record.fileName, record.content, record.mediaType);
  };
  return (
    <section aria-labelledby="ladder-export-heading">
      <h2 id="ladder-export-heading">Evidence record</h2>
      <form className="row" aria-label="Export the evidence record" onSubmit={(e) => void submit(e)}>
        <label htmlFor="ladder-export-format">Format</label>
        <select id="ladder-export-format" value={format} onChange={(e) => setFormat(e.target.value as LadderExportRequest['format'])} data-request-field="exportLadder.request.format">
          <option value="html">HTML</option>
          <option value="md">Markdown</option>
        </select>
        <label className="inline">
          <input type="checkbox" checked={charts} disabled={format !== 'html'} onChange={(e) => setCharts(e.target.checked)} data-request-field="exportLadder.request.charts" /> Latency charts
        </label>
        <button type="submit" disabled={call.busy}>{call.busy ? 'Writing…' : 'Save the evidence record'}</button>
      </form>
      {call.result && !call.busy && !call.error ? <p role="status" className="muted">Saved {call.result.fileName}.</p> : null}
      <ErrorNotice error={call.error} />
    </section>
  );
}
