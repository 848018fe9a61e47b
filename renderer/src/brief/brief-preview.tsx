import type { BriefView } from '../../../core/api/brief.js';
import { briefAdrLine, briefEvidenceLines, briefOptionsTable, briefTitle } from '../../../core/present/brief-sections.js';
import { PlainTable } from './plain-table.js';

/** The brief as it will read: the same parts, in the same words, as its HTML and Markdown. */
export function BriefPreview({ view }: { view: BriefView }) {
  const adr = briefAdrLine(view);
  return (
    <article className="brief-preview" aria-label="Brief preview">
      <h3>{briefTitle(view)}</h3>
      <p className="recommendation" role="note">{view.recommendation.sentence}</p>
      <p className="muted">Rule: {view.ruleText}</p>
      <PlainTable table={briefOptionsTable(view)} caption="The options side by side" />
      <h4>What was not measured</h4>
      {view.notMeasured.length > 0 ? <ul>{view.notMeasured.map((line) => <li key={line}>{line}</li>)}</ul> : <p>Every figure above was measured by edgelab on the hardware named.</p>}
      <h4>Evidence</h4>
      <ul>{briefEvidenceLines(view).map((line) => <li key={line} className="mono">{line}</li>)}</ul>
      {adr ? <p>{adr}</p> : null}
    </article>
  );
}
