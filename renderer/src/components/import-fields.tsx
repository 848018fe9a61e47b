import type { ErrorInfo } from '../../../core/api/errors.js';
import type { ImportResult } from '../../../core/api/imports.js';
import { RunLink } from './run-link.js';

/** The pieces every form of the Import screen shares: a path field and what the lab recorded. */
export interface PathField {
  id: string;
  label: string;
  placeholder: string;
  /** The request field the control sets (`importTrtexec.request.log`), for the parity check of every face. */
  requestField?: string;
}

/** The same fields, each naming the field of `method`'s request it sets. */
export function requestFields<K extends string>(method: string, fields: Record<K, PathField>): Record<K, PathField> {
  return Object.fromEntries(Object.entries<PathField>(fields).map(([key, field]) => [key, { ...field, requestField: `${method}.request.${key}` }])) as Record<K, PathField>;
}

/** How `edgelab import …` names each field in its messages: the file it reads first is LOG or TRACE, the rest are flags. */
const FLAG_OF: Record<string, string> = { log: 'LOG', trace: 'TRACE', statedHardware: '--hardware', targets: '--target', tags: '--tag', runId: '--run', intervalMs: '--interval' };
const flagOf = (key: string) => FLAG_OF[key] ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * The importers word their messages for the CLI (`--times F: no such file`); the form shows the
 * same message with each flag named as the form labels its field ("Times"), so a reader knows
 * which field to change.
 */
export function importErrorInFormWords(error: ErrorInfo | null, fields: Record<string, PathField>): ErrorInfo | null {
  if (!error) return null;
  const named = Object.entries(fields)
    .map(([key, field]) => [flagOf(key), `"${field.label.split(/ \(|,/)[0]}"`] as const)
    .sort((a, b) => b[0].length - a[0].length);
  const words = (text: string) => named.reduce((out, [flag, label]) => out.replace(new RegExp(`(?<![\\w-])${flag}(?![\\w-])`, 'g'), label), text);
  return { ...error, message: words(error.message), ...(error.hint !== undefined ? { hint: words(error.hint) } : {}) };
}

/** A comma-separated field (targets, tags) as the list the request takes; absent when nothing was typed. */
export function listOf<K extends string>(key: K, value: string): Partial<Record<K, string[]>> {
  const list = value.split(',').map((t) => t.trim()).filter((t) => t !== '');
  return list.length === 0 ? {} : ({ [key]: list } as Record<K, string[]>);
}

/** A number field: absent when empty; anything else is sent as typed, so the lab's schema answers a non-number in its own words. */
export function numberOf<K extends string>(key: K, value: string): Partial<Record<K, number>> {
  const text = value.trim();
  return text === '' ? {} : ({ [key]: Number(text) } as Record<K, number>);
}

/** The targets and tags fields every import of a run shares, as `--target` and `--tag`. */
export function targetsAndTags(prefix: string, targetsHelp: string): { targets: PathField; tags: PathField } {
  return {
    targets: { id: `${prefix}-targets`, label: `Targets, comma-separated (optional; ${targetsHelp})`, placeholder: 'p99<=5ms, throughput>=100/s' },
    tags: { id: `${prefix}-tags`, label: 'Tags, comma-separated (optional)', placeholder: 'orin, fp16' },
  };
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
      <input id={field.id} type="text" className="path" spellCheck={false} placeholder={field.placeholder} value={value} onChange={(e) => onChange(e.target.value)}
        {...((requestField ?? field.requestField) ? { 'data-request-field': requestField ?? field.requestField } : {})} />
    </div>
  );
}

export function ImportOutcome({ result }: { result: ImportResult }) {
  if (result.unsaved) {
    return (
      <div role="status" aria-live="polite" aria-label="Import result" className="import-outcome">
        <p>Analysed, not recorded ({result.tool}): the trace was read; nothing was kept in the workspace.</p>
      </div>
    );
  }
  return (
    <div role="status" aria-live="polite" aria-label="Import result" className="import-outcome">
      <p>
        {result.state === 'completed' ? 'Recorded' : result.state === 'summary-only' ? 'Recorded, summary only (the figures as stated; no samples)' : result.state === 'observed' ? 'Recorded, observed (the tool\'s figures; no per-inference latencies)' : 'Recorded as a failed run'}: <RunLink runId={result.runId} /> (imported, {result.tool}) — <RunLink runId={result.runId}>open its Results</RunLink>
      </p>
      {result.failure ? <p className="muted">{result.failure}</p> : null}
      {result.verdict !== null && result.verdict !== 'none' ? <p>Targets: <strong className={`verdict-${result.verdict}`}>{result.verdict}</strong></p> : null}
      <p className="muted">Hardware: {result.hardware}</p>
      <ul className="muted">
        {result.files.map((f) => (
          <li key={f.name}><code>{f.name}</code> ({f.role}) sha256 <span className="mono">{f.sha256.slice(0, 12)}…</span></li>
        ))}
      </ul>
    </div>
  );
}
