// A separate edgelab process that records runs into a workspace, for the crash and concurrency
// tests: `evidence-writer-process.ts DIR COUNT|forever SAMPLES [START_AT_EPOCH_MS]`. Prints
// "saved <id>" per record. START_AT lets two writers begin together despite uneven start-up times.
import { setTimeout as sleep } from 'node:timers/promises';
import { Workspace } from '../../core/evidence/workspace.js';
import { completedRun, failedRun } from '../unit/evidence-records.js';

const [dir, countArg, samplesArg, startAtArg] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: evidence-writer-process.ts DIR COUNT|forever SAMPLES');
const count = countArg === 'forever' ? Number.POSITIVE_INFINITY : Number(countArg ?? 1);
const sampleCount = Number(samplesArg ?? 100);

const workspace = await Workspace.open(dir);
if (startAtArg !== undefined) await sleep(Math.max(0, Number(startAtArg) - Date.now()));
for (let i = 0; i < count; i++) {
  const saved = await workspace.saveRun(i % 5 === 4 ? failedRun() : completedRun({ sampleCount }));
  process.stdout.write(`saved ${saved.id}\n`);
}
