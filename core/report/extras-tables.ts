import type { RunRecord } from '../api/run-record.js';
import { formatDecimal } from './format-values.js';
import { column, type Table } from './table.js';

/**
 * Later stages (profile, telemetry, memory) add summaries under `extras.<key>` with shapes of their
 * own. Reports show them generically: scalars as a table, lists of flat rows as a top-N table, lists
 * of strings as lines, so that a new summary appears in every format without a new renderer.
 */
export interface ExtrasSection {
  key: string;
  /** Free text (a summary sentence, findings), one entry per line or bullet. */
  lines: string[];
  tables: Array<{ caption: string; table: Table; omittedRows: number }>;
}

export const EXTRAS_TOP_ROWS = 10;

type Scalar = string | number | boolean | null;

export function extrasSections(run: RunRecord, topRows = EXTRAS_TOP_ROWS): ExtrasSection[] {
  return Object.entries(run.extras).map(([key, value]) => sectionFor(key, value, topRows));
}

function sectionFor(key: string, value: unknown, topRows: number): ExtrasSection {
  const section: ExtrasSection = { key, lines: [], tables: [] };
  if (isFlatRows(value)) {
    section.tables.push(rowsTable(key, value, topRows));
  } else if (isPlainObject(value)) {
    const scalars: string[][] = [];
    for (const [field, fieldValue] of Object.entries(value)) {
      if (isScalar(fieldValue)) scalars.push([field, formatScalar(fieldValue)]);
      else if (isFlatRows(fieldValue)) section.tables.push(rowsTable(field, fieldValue, topRows));
      else if (Array.isArray(fieldValue) && fieldValue.every(isScalar)) section.lines.push(...fieldValue.map(formatScalar));
    }
    if (scalars.length > 0) section.tables.unshift({ caption: key, table: { columns: [column('Field'), column('Value')], rows: scalars }, omittedRows: 0 });
  } else if (Array.isArray(value) && value.every(isScalar)) {
    section.lines.push(...value.map(formatScalar));
  } else if (isScalar(value)) {
    section.lines.push(formatScalar(value));
  }
  return section;
}

function rowsTable(caption: string, rows: Array<Record<string, Scalar>>, topRows: number): ExtrasSection['tables'][number] {
  const fields = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const shown = rows.slice(0, topRows);
  const numeric = (field: string) => shown.every((row) => row[field] === undefined || typeof row[field] === 'number');
  return {
    caption,
    table: {
      columns: fields.map((field) => column(field, numeric(field) ? 'right' : 'left')),
      rows: shown.map((row) => fields.map((field) => (row[field] === undefined ? '' : formatScalar(row[field])))),
    },
    omittedRows: rows.length - shown.length,
  };
}

function formatScalar(value: Scalar): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatDecimal(value);
  return value === null ? '' : String(value);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFlatRows(value: unknown): value is Array<Record<string, Scalar>> {
  return Array.isArray(value) && value.length > 0 && value.every((row) => isPlainObject(row) && Object.values(row).every(isScalar));
}
