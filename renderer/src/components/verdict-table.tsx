import type { Verdict } from '../../../core/api/run-record.js';
import { StatusMark } from './status-mark.js';

function observed(v: Verdict): string {
  if (v.observedValue === null) return '–';
  const interval = v.intervalLow !== null && v.intervalHigh !== null ? ` (${v.intervalLow.toPrecision(4)} – ${v.intervalHigh.toPrecision(4)})` : '';
  return `${v.observedValue.toPrecision(4)} ${v.unit}${interval}`;
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
