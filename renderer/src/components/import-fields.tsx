import type { ImportResult } from '../../../core/api/imports.js';
import { RunLink } from './run-link.js';

/** The pieces every form of the Import screen shares: a path field and what the lab recorded. */
export interface PathField {
  id: string;
  label: string;
  placeholder: string;
}

/** A text field whose value is kept only when something was typed: empty means "not given". */
export function given<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const text = value.trim();
  return text === '' ? {} : ({ [key]: text } as Record<K, string>);
}

/** `requestField`: the LabApi request field the text sets (`importTrtexec.request.log`), for the parity test. */
export function TextField({ field, value, onChange, requestField }: { field: PathField; value: string; onChange: (value: string) => void; requestField?: string }) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{field.label}</label>
      <input id={field.id} type="text" className="path" spellCheck={false} placeholder={field.placeholder} value={value} onChange={(e) => onChange(e.target.value)} data-request-field={requestField} />
    </div>
  );
}

export function ImportOutcome({ result }: { result: ImportResult }) {
  return (
    <div role="status" aria-live="polite" aria-label="Import result" className="import-outcome">
      <p>
        {result.state === 'completed' ? 'Recorded' : result.state === 'summary-only' ? 'Recorded, summary only (the figures as stated; no samples)' : result.state === 'observed' ? 'Recorded, observed (the tool\'s figures; no per-inference latencies)' : 'Recorded as a failed run'}: <RunLink runId={result.runId} /> (imported, {result.tool}) — <RunLink runId={result.runId}>open its Results</RunLink>
      </p>
      {result.failure ? <p className="muted">{result.failure}</p> : null}
      <p className="muted">Hardware: {result.hardware}</p>
      <ul className="muted">
        {result.files.map((f) => (
          <li key={f.name}><code>{f.name}</code> ({f.role}) sha256 <span className="mono">{f.sha256.slice(0, 12)}…</span></li>
        ))}
      </ul>
    </div>
  );
}
