import type { RunRecord } from '../../api/run-record.js';
import { formatDecimal } from '../format-values.js';
import { column, type Table } from '../table.js';

/**
 * Later stages (profile, telemetry, memory) add summaries under `extras.<key>` with shapes of their
 * own. Reports show them generically, so a new summary appears in every format without a renderer
 * of its own: scalar fields (and those of objects one level down, as `memory.peakInUseBytes`) as a
 * table, lists of rows as a top-N table, lists of strings as lines.
 */
export interface ExtrasSection {
  key: string;
  /** Free text (a summary sentence, findings), one entry per line or bullet. */
  lines: string[];
  tables: ExtrasTable[];
}

export interface ExtrasTable {
  caption: string;
  table: Table;
  omittedRows: number;
  /** Columns left out to keep the table readable; they stay in the JSON record. */
  omittedColumns: string[];
}

export const EXTRAS_TOP_ROWS = 10;
export const EXTRAS_MAX_COLUMNS = 10;

type Scalar = string | number | boolean | null;
/** A row cell: a scalar, or a short list of scalars (a node's input shapes) shown joined. */
type Cell = Scalar | Scalar[];

export function extrasSections(run: RunRecord, topRows = EXTRAS_TOP_ROWS): ExtrasSection[] {
  return Object.entries(run.extras).map(([key, value]) => sectionFor(key, value, topRows));
}

function sectionFor(key: string, value: unknown, topRows: number): ExtrasSection {
  const section: ExtrasSection = { key, lines: [], tables: [] };
  if (isRows(value)) {
    section.tables.push(rowsTable(key, value, topRows));
  } else if (isPlainObject(value)) {
    const scalars: string[][] = [];
    for (const [field, fieldValue] of Object.entries(value)) {
      if (isScalar(fieldValue)) scalars.push([field, formatScalar(fieldValue)]);
      else if (isRows(fieldValue)) section.tables.push(rowsTable(field, fieldValue, topRows));
      else if (isScalarList(fieldValue)) section.lines.push(...fieldValue.map(formatScalar));
      else if (isPlainObject(fieldValue)) {
        for (const [inner, innerValue] of Object.entries(fieldValue)) {
          if (isScalar(innerValue)) scalars.push([`${field}.${inner}`, formatScalar(innerValue)]);
        }
      }
    }
    if (scalars.length > 0) {
      section.tables.unshift({ caption: key, table: { columns: [column('Field'), column('Value')], rows: scalars }, omittedRows: 0, omittedColumns: [] });
    }
  } else if (isScalarList(value)) {
    section.lines.push(...value.map(formatScalar));
  } else if (isScalar(value)) {
    section.lines.push(formatScalar(value));
  }
  return section;
}

function rowsTable(caption: string, rows: Array<Record<string, Cell>>, topRows: number): ExtrasTable {
  const shown = rows.slice(0, topRows);
  const isEmpty = (cell: Cell | undefined) => cell === undefined || cell === null || (Array.isArray(cell) && cell.length === 0);
  // Columns with nothing in the rows shown (e.g. FLOPs a provider could not estimate) only add width.
  const fields = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((field) => shown.some((row) => !isEmpty(row[field])));
  const kept = fields.slice(0, EXTRAS_MAX_COLUMNS);
  const numeric = (field: string) => shown.every((row) => isEmpty(row[field]) || typeof row[field] === 'number');
  return {
    caption,
    table: {
      columns: kept.map((field) => column(field, numeric(field) ? 'right' : 'left')),
      rows: shown.map((row) => kept.map((field) => formatCell(row[field]))),
    },
    omittedRows: rows.length - shown.length,
    omittedColumns: fields.slice(EXTRAS_MAX_COLUMNS),
  };
}

/** What a table left out, for a note under it; null when it shows everything. */
export function omissionNote(extra: ExtrasTable): string | null {
  const parts = [
    extra.omittedRows > 0 ? `${extra.omittedRows} more rows` : '',
    extra.omittedColumns.length > 0 ? `columns ${extra.omittedColumns.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `${parts.join(' and ')} in the JSON record.` : null;
}

function formatCell(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  return Array.isArray(cell) ? cell.map(formatScalar).join(', ') : formatScalar(cell);
}

function formatScalar(value: Scalar): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatDecimal(value);
  return value === null ? '' : String(value);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isScalarList(value: unknown): value is Scalar[] {
  return Array.isArray(value) && value.every(isScalar);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRows(value: unknown): value is Array<Record<string, Cell>> {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((row) => isPlainObject(row) && Object.values(row).every((cell) => isScalar(cell) || isScalarList(cell)))
  );
}
