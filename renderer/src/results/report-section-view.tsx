import type { ReportBlockView, ReportSectionView } from '../../../core/api/report-view.js';
import { RunLink } from '../components/run-link.js';

/** A cell that is a run id (`20261130T021247Z-af2dbb`) links to the run, as run ids do everywhere. */
const RUN_ID = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

function Block({ block }: { block: ReportBlockView }) {
  switch (block.kind) {
    case 'text': return <p className="pre-line">{block.text}</p>;
    case 'lines': return <ul>{block.items.map((item, i) => <li key={i}>{item}</li>)}</ul>;
    case 'findings':
      return (
        <>
          {block.caption ? <h3>{block.caption}</h3> : null}
          <ul className="findings">{block.items.map((f) => <li key={f.code}><strong>{f.message}</strong> <span className="advice">{f.advice}</span></li>)}</ul>
        </>
      );
    case 'table':
      return (
        <>
          <table className="report-table">
            {block.caption ? <caption>{block.caption}</caption> : null}
            <thead><tr>{block.table.columns.map((c, i) => <th key={i} scope="col" className={c.align === 'right' ? 'num' : undefined}>{c.header}</th>)}</tr></thead>
            <tbody>
              {block.table.rows.map((row, r) => (
                <tr key={r} className={row.some((cell) => /^(FAIL|fail)$/.test(cell)) ? 'row-fail' : undefined}>
                  {row.map((cell, i) => <td key={i} className={block.table.columns[i]?.align === 'right' ? 'num' : undefined}>{RUN_ID.test(cell) ? <RunLink runId={cell} /> : cell}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
          {block.note ? <p className="muted">{block.note}</p> : null}
        </>
      );
  }
}

/** A section of the run's report (parity, output checks, accuracy, sweeps…) drawn as the app's tables. */
export function ReportSectionBody({ section }: { section: ReportSectionView }) {
  return <>{section.blocks.map((block, i) => <Block key={i} block={block} />)}</>;
}
