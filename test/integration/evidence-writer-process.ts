// A separate edgelab process that records runs into a workspace, for the crash and concurrency
// tests: `evidence-writer-process.ts DIR COUNT|forever SAMPLES [GO_FILE]`. Prints "ready" once the
// workspace is open, then "saved <id>" per record. With GO_FILE it waits for that file to exist
// before its first save, so two writers begin together however long each took to start (a fixed
// start time is missed on a loaded machine, where starting Node can take seconds).
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Workspace } from '../../core/evidence/workspace.js';
import { completedRun, failedRun } from '../unit/evidence-records.js';

const [dir, countArg, samplesArg, startAtArg] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: evidence-writer-process.ts DIR COUNT|forever SAMPLES');
const count = countArg === 'forever' ? Number.POSITIVE_INFINITY : Number(countArg ?? 1);
const sampleCount = Number(samplesArg ?? 100);

const workspace = await Workspace.open(dir);
process.stdout.write('ready\n');
if (startAtArg !== undefined) while (!existsSync(startAtArg)) await sleep(2);
for (let i = 0; i < count; i++) {
  const saved = await workspace.saveRun(i % 5 === 4 ? failedRun() : completedRun({ sampleCount }));
  process.stdout.write(`saved ${saved.id}\n`);
}
