import { LabError } from '../../api/errors.js';
import { readImportLines, type ImportFileRef, type StreamedFile } from '../../files/import-file-stream.js';
import { CounterTotals } from './layer-totals.js';
import { counterNumber, layerStatus, type ParsedCounters } from './perf-counters.js';

/**
 * benchmark_app's counters CSVs (`-report_type average_counters | detailed_counters`, and the C++
 * tool's sorted variant): `;`-separated, one block per infer request (one for the average report),
 * each a header row, one row per layer and a `Total` row, then a blank line. The C++ tool ends
 * every row with `;` and writes `EXECUTED`; the Python tool writes no trailing `;` and
 * `Status.EXECUTED`; the sorted variant lists executed layers only, with a ` %` column.
 */
const HEADER = ['layerName', 'execStatus', 'layerType', 'execType', 'realTime (ms)', 'cpuTime (ms)'];

function cells(line: string): string[] {
  const parts = line.split(';');
  // The C++ CsvDumper ends every row with the separator.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export function isCountersHeader(line: string): boolean {
  const c = cells(line);
  return HEADER.every((h, i) => c[i]?.trim() === h);
}

export interface CountersCsvResult extends StreamedFile {
  counters: ParsedCounters;
}

export async function readCountersCsv(file: ImportFileRef, kind: 'average' | 'detailed' | null): Promise<CountersCsvResult> {
  const totals = new CounterTotals();
  // Where the open block began; each row is summed into its layer as it is read, the block kept by its line only.
  let openLine: number | null = null;
  let sorted = false;
  let python = false;
  let cpp = false;
  const at = (n: number) => `${file.given} ${file.path}, line ${n}`;
  const streamed = await readImportLines(file, (line, n) => {
    if (line.trim() === '') return;
    if (isCountersHeader(line)) {
      if (openLine !== null) throw new LabError('input', `${at(n)}: a new counters block begins before the block from line ${openLine} closed with its Total row.`, 'The file is cut or two files were joined; give the file benchmark_app wrote.');
      sorted = cells(line)[6]?.trim() === '%';
      cpp = cpp || line.endsWith(';');
      totals.begin(kind === 'average' ? null : totals.blocks);
      openLine = n;
      return;
    }
    if (openLine === null) {
      const hint = /^(Command line parameters|Configuration setup|Execution results)/.test(line)
        ? 'This is benchmark_app\'s summary report (benchmark_report.csv): give it as REPORT, not as --counters.'
        : 'Give a counters report benchmark_app wrote with -report_type average_counters or detailed_counters.';
      throw new LabError('input', `${at(n)}: expected the counters header 'layerName;execStatus;layerType;execType;realTime (ms);cpuTime (ms)', found '${line.slice(0, 80)}'.`, hint);
    }
    const c = cells(line);
    const expected = sorted ? 7 : 6;
    if (c[0] === 'Total') {
      if (c.length < expected) throw new LabError('input', `${at(n)}: the Total row has ${c.length} fields, expected ${expected}.`, 'The file is cut or edited; give the file benchmark_app wrote.');
      // Checked as a time, as every figure is, though the per-layer sums are what the profile uses.
      counterNumber(c[4]!, at(n), 'the total realTime (ms)');
      totals.end(true);
      openLine = null;
      return;
    }
    if (c.length !== expected) {
      throw new LabError('input', `${at(n)}: ${c.length} fields where a counters row has ${expected} (layerName;execStatus;layerType;execType;realTime (ms);cpuTime (ms)${sorted ? '; %' : ''}).`, 'The file is cut, edited or not a benchmark_app counters report.');
    }
    const status = layerStatus(c[1]!);
    if (!status) throw new LabError('input', `${at(n)}: execStatus is '${c[1]!.slice(0, 40)}', not EXECUTED, NOT_RUN or OPTIMIZED_OUT.`, 'Give the counters report benchmark_app wrote, unedited.');
    python = python || c[1]!.startsWith('Status.');
    totals.add({
      name: c[0]!, status, layerType: c[2]!, execType: c[3]!,
      realTimeMs: counterNumber(c[4]!, at(n), 'realTime (ms)'),
      cpuTimeMs: counterNumber(c[5]!, at(n), 'cpuTime (ms)'),
    });
  });
  // Set inside the line callback, which TypeScript's narrowing does not follow.
  const unclosed = openLine as number | null;
  if (unclosed !== null) {
    throw new LabError('input', `${file.given} ${file.path}, line ${streamed.lines}: the file ends inside the counters block that begins at line ${unclosed}, before its Total row: it is truncated.`, 'Import the whole file benchmark_app wrote (it ends each block with a Total row).');
  }
  if (totals.blocks === 0) throw new LabError('input', `${file.given} ${file.path}: no counters block (no 'layerName;execStatus;…' header): the file is empty or not a counters report.`, 'Run benchmark_app with -report_type detailed_counters (or average_counters) and give that CSV.');
  const format = sorted ? 'sorted-csv' : kind === 'average' || (kind === null && totals.blocks === 1 && /average/.test(file.path)) ? 'average-csv' : 'detailed-csv';
  const summed = totals.result();
  if (format === 'average-csv') summed.firstRequest = null;
  return {
    ...streamed,
    counters: { format, writer: python ? 'Python' : cpp ? 'C++' : null, ...summed, fullDeviceName: null, namesTruncated: false },
  };
}
