import type { ReportBlockView, ReportSectionView } from '../../../core/api/report-view.js';
import { barParts } from '../../../core/present/bar-parts.js';
import { seriesPlot, seriesXText } from '../../../core/present/series-lines.js';
import { formatDecimal, formatPercent } from '../../../core/present/format-values.js';
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
    case 'stacked-bar': return <StackedBar block={block} />;
    case 'series': return <SeriesChart block={block} />;
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

/** Parts of one whole as one bar, with a legend: the same shares and colours as the HTML report. */
function StackedBar({ block }: { block: Extract<ReportBlockView, { kind: 'stacked-bar' }> }) {
  const parts = barParts(block.segments);
  let x = 0;
  return (
    <figure className="stacked-bar">
      <figcaption>{block.caption}</figcaption>
      <svg width="100%" height="22" viewBox="0 0 600 22" preserveAspectRatio="none" role="img" aria-label={block.caption}>
        {parts.map((p) => {
          const rect = <rect key={p.label} x={x} y={0} width={p.share * 600} height={22} fill={p.colour}><title>{`${p.label}: ${formatDecimal(p.value)} ${block.unit} (${formatPercent(p.share)})`}</title></rect>;
          x += p.share * 600;
          return rect;
        })}
      </svg>
      <ul className="bar-legend">
        {parts.map((p) => <li key={p.label}><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill={p.colour} /></svg> {p.label}: {formatDecimal(p.value)} {block.unit} ({formatPercent(p.share)})</li>)}
      </ul>
    </figure>
  );
}

/** Lines over a shared x axis (FPS per stream, report by report), from the same plan as the HTML report. */
function SeriesChart({ block }: { block: Extract<ReportBlockView, { kind: 'series' }> }) {
  const plot = seriesPlot(block.x, block.lines, 600, 120);
  return (
    <figure className="series-chart">
      <figcaption>{block.caption}</figcaption>
      <svg width="100%" height="120" viewBox="0 0 600 120" preserveAspectRatio="none" role="img" aria-label={block.caption}>
        {plot.lines.flatMap((l) => l.points.map((p, i) => <polyline key={`${l.label}-${i}`} points={p.join(' ')} fill="none" stroke={l.colour} strokeWidth={1.5}><title>{l.label}</title></polyline>))}
      </svg>
      <ul className="bar-legend">
        {plot.lines.map((l) => <li key={l.label}><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill={l.colour} /></svg> {l.label}</li>)}
      </ul>
      <p className="muted">{block.unit} from {formatDecimal(plot.yMin)} to {formatDecimal(plot.yMax)}, by {block.xLabel} {seriesXText(block.x[0])}–{seriesXText(block.x.at(-1))}</p>
    </figure>
  );
}

/** A section of the run's report (parity, output checks, accuracy, sweeps…) drawn as the app's tables. */
export function ReportSectionBody({ section }: { section: ReportSectionView }) {
  return <>{section.blocks.map((block, i) => <Block key={i} block={block} />)}</>;
}
