import { plainNumber } from '../../../core/present/format-values.js';
import { formatBytes, formatMs } from '../../../core/present/format-values.js';

type Scalar = string | number | boolean | null;

const MAX_ROWS = 10;
const MAX_COLUMNS = 8;

function isScalar(v: unknown): v is Scalar {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isRows(v: unknown): v is Array<Record<string, unknown>> {
  return Array.isArray(v) && v.length > 0 && v.every(isRecord);
}
/** Field names carry their unit (peakRssBytes, sessionCreateMs), so the unit decides the format. */
function showField(field: string, v: unknown): string {
  if (typeof v === 'number' && /Bytes$/.test(field)) return formatBytes(v);
  if (typeof v === 'number' && /Ms$/.test(field)) return `${formatMs(v)} ms`;
  return show(v);
}

function show(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : plainNumber(v, 4);
  if (Array.isArray(v) && v.every(isScalar)) return v.map(show).join(', ');
  if (isScalar(v)) return v === null ? '–' : String(v);
  return JSON.stringify(v);
}

/**
 * A summary a later stage stored under `extras.<key>` (telemetry, memory, a pipeline), shown the
 * way the reports show it: scalar fields as a list, lists of rows as a top-N table. A new summary
 * appears here without a view of its own; the JSON record keeps everything.
 */
export function ExtrasView({ name, value }: { name: string; value: unknown }) {
  const scalars: Array<[string, unknown]> = [];
  const tables: Array<[string, Array<Record<string, unknown>>]> = [];
  const lines: string[] = [];
  const visit = (prefix: string, v: unknown, depth: number) => {
    if (isScalar(v) || (Array.isArray(v) && v.every(isScalar) && v.length <= 8)) scalars.push([prefix, v]);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) lines.push(...v);
    else if (isRows(v)) tables.push([prefix, v]);
    else if (isRecord(v) && depth < 2) for (const [k, inner] of Object.entries(v)) visit(prefix ? `${prefix}.${k}` : k, inner, depth + 1);
  };
  visit('', value, 0);
  return (
    <div className="extras">
      {scalars.length > 0 ? (
        <dl className="facts">
          {scalars.map(([k, v]) => (
            <div key={k} className="fact"><dt>{k || name}</dt><dd>{showField(k, v)}</dd></div>
          ))}
        </dl>
      ) : null}
      {lines.length > 0 ? <ul>{lines.map((l, i) => <li key={i}>{l}</li>)}</ul> : null}
      {tables.map(([k, rows]) => {
        const columns = Object.keys(rows[0] ?? {}).slice(0, MAX_COLUMNS);
        return (
          <table key={k}>
            <caption>{k || name}{rows.length > MAX_ROWS ? ` (top ${MAX_ROWS} of ${rows.length})` : ''}</caption>
            <thead><tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
            <tbody>
              {rows.slice(0, MAX_ROWS).map((row, i) => (
                <tr key={i}>{columns.map((c) => <td key={c} className={typeof row[c] === 'number' ? 'num' : undefined}>{showField(c, row[c])}</td>)}</tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
