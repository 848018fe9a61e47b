import { formatMs, formatPercent } from '../../../core/present/format-values.js';

/**
 * The fields of `extras.profile` (core/profile's ProfileSummary) this view reads. The record is the
 * contract; the renderer may only see core/api, so it names what it reads and checks it is there.
 */
interface OpTypeRow {
  opType: string;
  nodes: number;
  calls: number;
  msPerRun: number;
  share: number;
  bound: 'compute' | 'memory' | null;
}
interface ProfileFinding {
  code: string;
  message: string;
  advice: string;
}
interface ProfileView {
  summary: string;
  traceFile: string;
  kernelMsPerRun: number;
  /** 'kernel time', 'device time' (GPU timestamps) or 'host-side time'; absent in older records. */
  timeLabel?: string;
  opTypes: OpTypeRow[];
  findings: ProfileFinding[];
}

export function asProfile(value: unknown): ProfileView | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<ProfileView>;
  return Array.isArray(v.opTypes) && Array.isArray(v.findings) && typeof v.summary === 'string' ? (v as ProfileView) : null;
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function OpBreakdown({ profile }: { profile: ProfileView }) {
  return (
    <div className="op-breakdown">
      <p>{profile.summary}</p>
      <table>
        <caption>{capitalized(profile.timeLabel ?? 'kernel time')} by op type ({formatMs(profile.kernelMsPerRun)} ms per run)</caption>
        <thead>
          <tr><th scope="col">Op type</th><th scope="col" className="num">Nodes</th><th scope="col" className="num">ms / run</th><th scope="col" className="num">Share</th><th scope="col">Bound</th><th scope="col"><span className="visually-hidden">Share bar</span></th></tr>
        </thead>
        <tbody>
          {profile.opTypes.map((op) => (
            <tr key={op.opType}>
              <td className="mono">{op.opType}</td>
              <td className="num">{op.nodes}</td>
              <td className="num">{formatMs(op.msPerRun)}</td>
              <td className="num">{formatPercent(op.share)}</td>
              <td>{op.bound ?? '–'}</td>
              <td className="bar-cell" aria-hidden="true"><span className="bar" style={{ width: `${Math.round(op.share * 100)}%` }} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {profile.findings.length > 0 ? (
        <ul className="findings">
          {profile.findings.map((f, i) => (
            <li key={`${f.code}-${i}`}>{f.message} <span className="advice">{f.advice}</span></li>
          ))}
        </ul>
      ) : null}
      <p className="muted">Full trace: <span className="mono">{profile.traceFile}</span> (opens in Perfetto or chrome://tracing).</p>
    </div>
  );
}
