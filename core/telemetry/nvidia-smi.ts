import { LabError } from '../api/errors.js';
import { available, unavailable, type Reading } from './reading.js';

/**
 * Output of `nvidia-smi --query-gpu=<fields> --format=csv[,noheader][,nounits]`: one row per GPU.
 * Cells the driver cannot report (`[N/A]`, bare `N/A`, `[Not Supported]`, `[Requested functionality
 * has been deprecated]`) are unavailable readings that keep the driver's words as the reason, so a
 * datacenter card's missing fan speed is not read as a stopped fan.
 */
export interface NvidiaSmiTable {
  fields: NvidiaSmiField[];
  /** False when the output had no header line (`noheader`): names then come from the query or position. */
  header: boolean;
  rows: NvidiaSmiRow[];
}

export interface NvidiaSmiField {
  /** The query field name, e.g. `memory.used`; positional (`"0"`, `"1"` ...) when nothing names it. */
  name: string;
  /** The unit the header gives in brackets (`MiB`, `W`, `MHz`, `%`, `us`, `ms`), or null. */
  unit: string | null;
}

export interface NvidiaSmiCell {
  /** The value as printed, without a unit suffix: strings such as `P0`, `0x0000000000000004` or a driver version stay readable here. */
  text: string;
  /** The value as a number when it is one (`19818`, `631.95`), else null. */
  number: number | null;
  unit: string | null;
}

export type NvidiaSmiRow = Record<string, Reading<NvidiaSmiCell>>;

export interface NvidiaSmiParseOptions {
  /** The `--query-gpu` field list, needed to name the columns of `noheader` output. */
  fields?: string[];
}

// Field names are lower-case dotted identifiers (`clocks_event_reasons.hw_slowdown`,
// `temperature.gpu`) with an optional unit; no data value has that shape with a lower-case start.
const HEADER_CELL = /^[a-z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)*(?: \[([^\]]+)\])?$/;
const NUMBER_WITH_UNIT = /^(-?\d+(?:\.\d+)?)(?: ([A-Za-z%]+))?$/;
const NOT_AVAILABLE = /^\[(.+)\]$/;

export function parseNvidiaSmiCsv(text: string, options: NvidiaSmiParseOptions = {}): NvidiaSmiTable {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const first = lines[0];
  if (first === undefined) {
    throw new LabError('input', 'The nvidia-smi output is empty.', 'Run `nvidia-smi --query-gpu=<fields> --format=csv` and pass what it prints.');
  }

  const firstCells = splitCells(first);
  const header = firstCells.every((cell) => HEADER_CELL.test(cell));
  let fields: NvidiaSmiField[];
  if (header) {
    fields = firstCells.map(toField);
  } else if (options.fields) {
    fields = options.fields.map(toField);
  } else {
    fields = firstCells.map((_, index) => ({ name: String(index), unit: null }));
  }

  const rows = (header ? lines.slice(1) : lines).map((line, index) => {
    const cells = splitCells(line);
    if (cells.length !== fields.length) {
      const lineNumber = index + (header ? 2 : 1);
      throw new LabError(
        'input',
        `nvidia-smi output line ${lineNumber} has ${cells.length} values but ${fields.length} fields were queried.`,
        'Pass the same field list that was given to --query-gpu, in the same order.',
      );
    }
    const row: NvidiaSmiRow = {};
    fields.forEach((field, column) => {
      row[field.name] = toReading(cells[column]!, field.unit);
    });
    return row;
  });

  return { fields, header, rows };
}

// nvidia-smi separates values with ", "; none of the values it prints contains a comma.
function splitCells(line: string): string[] {
  return line.split(',').map((cell) => cell.trim());
}

function toField(cell: string): NvidiaSmiField {
  const trimmed = cell.trim();
  const unit = HEADER_CELL.exec(trimmed)?.[1] ?? null;
  return { name: unit === null ? trimmed : trimmed.slice(0, trimmed.indexOf(' [')), unit };
}

function toReading(raw: string, headerUnit: string | null): Reading<NvidiaSmiCell> {
  const bracketed = NOT_AVAILABLE.exec(raw);
  if (bracketed) return unavailable(bracketed[1]!);
  if (raw === 'N/A') return unavailable('N/A');
  const numeric = NUMBER_WITH_UNIT.exec(raw);
  if (numeric) {
    return available({ text: numeric[1]!, number: Number(numeric[1]), unit: numeric[2] ?? headerUnit });
  }
  return available({ text: raw, number: null, unit: null });
}
