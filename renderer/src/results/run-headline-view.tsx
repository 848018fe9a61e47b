import { useMemo } from 'react';
import type { RunRecord } from '../../../core/api/run-record.js';
import { runHeadline } from '../../../core/present/headline.js';
import { StatusMark } from '../components/status-mark.js';

/**
 * The answer first: the verdict, then the figures a reader looks for, large, each with its interval
 * or the reason it has none. Laid out here; worded and computed by core/present/headline.
 */
export function RunHeadlineView({ record }: { record: RunRecord }) {
  const headline = useMemo(() => runHeadline(record), [record]);
  return (
    <section className="headline" aria-label="Answer">
      <p className={`headline-verdict headline-${headline.status}`}>
        {headline.status === 'none' ? null : <StatusMark status={headline.status} />} <span className="headline-verdict-text">{headline.verdict}</span>
      </p>
      {headline.figures.length > 0 ? (
        <dl className="figures">
          {headline.figures.map((f) => (
            <div key={f.key} className={`figure figure-${f.key}`}>
              <dt>{f.label}</dt>
              <dd className="figure-value"><span className="figure-number">{f.value}</span> <span className="figure-unit">{f.unit}</span></dd>
              {f.interval ? <dd className="figure-interval">{f.interval}</dd> : null}
              {f.note ? <dd className="figure-note">{f.note}</dd> : null}
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}
