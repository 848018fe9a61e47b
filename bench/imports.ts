/**
 * How fast does each importer read a large log, and in how much memory? For every row of IMPORTERS:
 * generate a log of --mb megabytes (default 500) in that tool's format, time `wc -l` on it (the
 * floor: reading the bytes and finding the lines), then run the importer in a child process of its
 * own and print MB/s for both, their ratio, and the child's peak RSS. Rows with `bounded: false`
 * read the whole file into one string; they run on at most --whole-mb (default 100) so the bench
 * does not die of what it measures. The trtexec files and the ONNX Runtime trace are read as streams
 * too: the log a line at a time, the JSON an element at a time; OpenVINO's counters CSV and `-pc` log
 * a line at a time, each row summed into its layer as it is read.
 *
 *   node dist/bench/imports.js [--mb 500] [--whole-mb 100] [--only deepstream,tegrastats] [--heap-mb 64]
 *
 * Without --heap-mb V8 grows its heap freely, so peak RSS shows its appetite more than what an
 * importer keeps; with it, each child runs under --max-old-space-size and a row that held the file fails.
 *
 * To add an importer, add a row: a generator and a `read(path)` that imports the file without a workspace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readDeepstreamLog } from '../core/engines/deepstream/deepstream-log.js';
import { readCountersCsv } from '../core/engines/openvino/counters-csv.js';
import { readStdoutLog } from '../core/engines/openvino/stdout-log.js';
import { closeSources, openSources, readLog, readTimes } from '../core/engines/trtexec/read-trtexec-files.js';
import { readTegrastatsLog } from '../core/telemetry/tegrastats-log.js';
import { readOrtProfile } from '../core/profile/read-trace-file.js';
import { generateDeepstreamLog, generateOpenvinoCounters, generateOpenvinoPcLog, generateOrtTrace, generateTegrastatsLog, generateTrtexecLog, generateTrtexecTimes, type GeneratedLog } from './import-logs/generate-logs.js';

interface ImporterRow {
  name: string;
  /** True when the importer reads as a stream, in bounded memory. */
  bounded: boolean;
  /** How it reads, for the table; 'line by line' when not said. */
  reads?: string;
  generate: (path: string, bytes: number) => GeneratedLog;
  read: (path: string) => Promise<unknown>;
}

/** A trtexec import's file, opened and checked as the import opens it, then read by `read`. */
async function withOpened<T>(path: string, given: string, read: (s: Awaited<ReturnType<typeof openSources>>[number]) => Promise<T>): Promise<T> {
  const opened = await openSources([{ role: given, path, given }]);
  try {
    return await read(opened[0]!);
  } finally {
    await closeSources(opened);
  }
}

const IMPORTERS: ImporterRow[] = [
  { name: 'deepstream', bounded: true, generate: generateDeepstreamLog, read: (p) => readDeepstreamLog({ path: p, given: 'LOG' }) },
  { name: 'tegrastats', bounded: true, generate: generateTegrastatsLog, read: (p) => readTegrastatsLog({ path: p, given: 'LOG' }, 100) },
  { name: 'trtexec log', bounded: true, generate: generateTrtexecLog, read: (p) => withOpened(p, 'LOG', readLog) },
  { name: 'trtexec times', bounded: true, reads: 'element by element', generate: generateTrtexecTimes, read: (p) => withOpened(p, '--times', readTimes) },
  { name: 'openvino counters', bounded: true, reads: 'line by line, summed per layer', generate: generateOpenvinoCounters, read: (p) => readCountersCsv({ path: p, given: '--counters' }, 'detailed') },
  { name: 'openvino log', bounded: true, reads: 'line by line, summed per layer', generate: generateOpenvinoPcLog, read: (p) => readStdoutLog({ path: p, given: 'LOG' }) },
  { name: 'ort-profile trace', bounded: true, reads: 'element by element, twice', generate: generateOrtTrace, read: (p) => readOrtProfile(p, { skipRuns: 1, beforeCounting: async () => ({}) }) },
];

const { values } = parseArgs({ options: { mb: { type: 'string', default: '500' }, 'whole-mb': { type: 'string', default: '100' }, only: { type: 'string' }, 'heap-mb': { type: 'string' }, child: { type: 'string' }, file: { type: 'string' } } });

if (values.child !== undefined) {
  // The child: one importer, one file; its time and its own peak RSS go back as JSON.
  const row = IMPORTERS.find((r) => r.name === values.child)!;
  const t = performance.now();
  await row.read(values.file!);
  const ms = performance.now() - t;
  process.stdout.write(JSON.stringify({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024 }) + '\n');
  process.exit(0);
}

const only = values.only?.split(',').map((s) => s.trim());
const dir = await mkdtemp(join(tmpdir(), 'edgelab-bench-imports-'));
const self = fileURLToPath(import.meta.url);
const rows: string[][] = [['importer', 'log MB', 'wc -l MB/s', 'importer MB/s', 'importer / wc -l', 'peak RSS MB', 'reads']];
try {
  for (const row of IMPORTERS) {
    if (only && !only.includes(row.name)) continue;
    const mb = row.bounded ? Number(values.mb) : Math.min(Number(values.mb), Number(values['whole-mb']));
    const file = join(dir, `${row.name.replace(/\W+/g, '-')}.log`);
    const log = row.generate(file, mb * 1e6);
    const sizeMb = log.bytes / 1e6;
    let t = performance.now();
    const wc = spawnSync('wc', ['-l', file], { encoding: 'utf8' });
    const wcMs = performance.now() - t;
    if (wc.status !== 0) throw new Error(`wc -l failed: ${wc.stderr}`);
    t = performance.now();
    const heap = values['heap-mb'] !== undefined ? [`--max-old-space-size=${Number(values['heap-mb'])}`] : [];
    const child = spawnSync(process.execPath, [...heap, self, '--child', row.name, '--file', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) {
      rows.push([row.name, sizeMb.toFixed(0), (sizeMb / (wcMs / 1000)).toFixed(0), 'failed', '', '', `${child.stderr.split('\n').find((l) => l.trim()) ?? 'exit ' + child.status}`]);
    } else {
      const { ms, maxRssBytes } = JSON.parse(child.stdout) as { ms: number; maxRssBytes: number };
      const wcRate = sizeMb / (wcMs / 1000);
      const rate = sizeMb / (ms / 1000);
      rows.push([row.name, sizeMb.toFixed(0), wcRate.toFixed(0), rate.toFixed(0), (rate / wcRate).toFixed(3), (maxRssBytes / 1e6).toFixed(0), row.bounded ? row.reads ?? 'line by line' : 'whole file']);
    }
    await rm(file, { force: true });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
process.stdout.write(rows.map((r) => r.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n') + '\n');
process.stdout.write('wc -l is timed as a child process too (start-up included in both); the importer is timed inside its child, without Node\'s start-up.\n');
