/**
 * What does the one read path for evidence cost? Records one real run of the generated
 * tiny-classifier (ONNX Runtime, 2000 iterations), saves N copies of it under fresh ids, then
 * measures in this one process, interleaved, best of several rounds:
 *   baseline  read each record file and validate it (what reading cost before the evidence check)
 *   checked   workspace.getRun(id): the same, plus the ledger read and the SHA-256 check
 *   list      workspace.listRuns() with a warm run-list cache, each run marked against the ledger
 * and prints the checked / baseline ratio.
 *
 *   node dist/bench/evidence-read.js [--records 200] [--rounds 5]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RunSpecSchema } from '../core/api/run-spec.js';
import { newRunId } from '../core/evidence/evidence-id.js';
import { readRecordFile } from '../core/evidence/record-file.js';
import { RUN_RECORD_INFO } from '../core/evidence/record-schemas.js';
import { Workspace } from '../core/evidence/workspace.js';
import { recordRun } from '../core/measure/record-run.js';
import { generateModel } from '../models/generate.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '200' }, rounds: { type: 'string', default: '5' } } });
const count = Number(values.records);
const rounds = Number(values.rounds);

const dir = await mkdtemp(join(tmpdir(), 'edgelab-bench-evidence-'));
try {
  const model = await generateModel('tiny-classifier', join(dir, 'models'));
  const spec = RunSpecSchema.parse({ model, scenario: { kind: 'single-stream', warmup: { iterations: 20 }, iterations: 2000 }, telemetry: false });
  const { record } = await recordRun(spec, {});
  const workspace = await Workspace.open(join(dir, 'ws'));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await workspace.saveRun({ ...record, id: newRunId(new Date(Date.UTC(2026, 0, 1) + i * 1000)) })).id);

  const best = { baseline: Infinity, checked: Infinity, list: Infinity };
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    for (const id of ids) await readRecordFile(workspace.runFile(id), RUN_RECORD_INFO);
    best.baseline = Math.min(best.baseline, performance.now() - t);
    t = performance.now();
    for (const id of ids) await workspace.getRun(id);
    best.checked = Math.min(best.checked, performance.now() - t);
    t = performance.now();
    const listed = await workspace.listRuns();
    best.list = Math.min(best.list, performance.now() - t);
    if (listed.some((run) => run.notVerified)) throw new Error('a freshly recorded run is marked not verified');
  }
  const perRecord = (ms: number) => `${((ms / count) * 1000).toFixed(0)} µs/record`;
  process.stdout.write(
    [
      `${count} records of ${record.samplesMs.length} samples each (${(JSON.stringify(record).length / 1024).toFixed(0)} KiB), best of ${rounds} rounds`,
      `baseline (read + validate)        ${best.baseline.toFixed(1)} ms  ${perRecord(best.baseline)}`,
      `checked  (getRun: + ledger, hash)  ${best.checked.toFixed(1)} ms  ${perRecord(best.checked)}`,
      `list     (warm cache, marked)      ${best.list.toFixed(1)} ms  ${perRecord(best.list)}`,
      `ratio checked / baseline: ${(best.checked / best.baseline).toFixed(2)}`,
      '',
    ].join('\n'),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
