import { plainNumber } from '../../../core/present/format-values.js';
import type { Verdict } from '../../../core/api/run-record.js';
import { StatusMark } from './status-mark.js';

function observed(v: Verdict): string {
  if (v.observedValue === null) return '–';
  const interval = v.intervalLow !== null && v.intervalHigh !== null ? ` (${plainNumber(v.intervalLow, 4, true)} – ${plainNumber(v.intervalHigh, 4, true)})` : '';
  return `${plainNumber(v.observedValue, 4, true)} ${v.unit}${interval}`;
}

/** Each verdict with the method that reached it: a pass is only as good as how it was decided. */
export function VerdictTable({ verdicts }: { verdicts: Verdict[] }) {
  return (
    <table className="verdicts">
      <thead>
        <tr><th scope="col">Target</th><th scope="col">Verdict</th><th scope="col">Observed (interval)</th><th scope="col">Method</th></tr>
      </thead>
      <tbody>
        {verdicts.map((v) => (
          <tr key={v.target}>
            <td className="mono">{v.target}</td>
            <td><StatusMark status={v.status} /></td>
            <td className="num">{observed(v)}</td>
            <td>{v.method}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
