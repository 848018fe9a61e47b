/**
 * A run state or verdict as a drawn mark and its word. The marks are inline SVG, not emoji or
 * dingbat characters, so they look the same on a machine without an emoji font (a bare Linux
 * box, a Jetson) and in both colour schemes (they take the text colour).
 */
export type Status = 'pass' | 'fail' | 'inconclusive' | 'completed' | 'failed' | 'cancelled' | 'summary-only' | 'observed';

const CLASS: Record<Status, string> = {
  pass: 'verdict verdict-pass',
  fail: 'verdict verdict-fail',
  inconclusive: 'verdict verdict-inconclusive',
  completed: 'state state-completed',
  observed: 'state state-completed',
  failed: 'state state-failed',
  cancelled: 'state state-cancelled',
  'summary-only': 'state state-summary-only',
};

function Shape({ status }: { status: Status }) {
  if (status === 'pass' || status === 'completed' || status === 'observed') return <path d="M2 6.5 L5 9.5 L10 3" fill="none" stroke="currentColor" strokeWidth="2" />;
  if (status === 'fail' || status === 'failed') return <path d="M3 3 L9 9 M9 3 L3 9" fill="none" stroke="currentColor" strokeWidth="2" />;
  if (status === 'cancelled') return <rect x="3" y="3" width="6" height="6" fill="currentColor" />;
  return <path d="M2 6 H10" stroke="currentColor" strokeWidth="2" />;
}

export function StatusMark({ status, title }: { status: Status; title?: string | undefined }) {
  return (
    <span className={`${CLASS[status]} status-mark`} title={title}>
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false"><Shape status={status} /></svg>
      {status}
    </span>
  );
}

/** A ladder item or lab: met (a drawn tick) or not yet (an empty ring), named for screen readers. */
export function MetMark({ met, label }: { met: boolean; label: string }) {
  return (
    <span className={`mark${met ? ' met' : ''}`} role="img" aria-label={label}>
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
        {met ? <path d="M2 6.5 L5 9.5 L10 3" fill="none" stroke="currentColor" strokeWidth="2" /> : <circle cx="6" cy="6" r="4" fill="none" stroke="currentColor" strokeWidth="1.5" />}
      </svg>
    </span>
  );
}
