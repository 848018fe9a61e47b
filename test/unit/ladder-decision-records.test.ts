import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../core/evidence/workspace.js';
import { listDecisionRecords, newDecisionRecord, slugify } from '../../core/ladder/decision-records.js';
import { JETSON, REALTIME_PASS, run } from '../golden/ladder/records.js';

describe('architecture decision records', () => {
  let dir: string;
  let workspace: Workspace;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edgelab-adr-'));
    workspace = await Workspace.open(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('slugs titles into file names', () => {
    expect(slugify('Run the détecteur in INT8 on the Jetson!')).toBe('run-the-detecteur-in-int8-on-the-jetson');
    expect(slugify('???')).toBe('decision');
  });

  it('writes numbered records that link their runs, and lists them', async () => {
    await workspace.saveRun(run({ id: '20260302T090000Z-abc123', hardware: JETSON, verdicts: [REALTIME_PASS] }));
    const first = await newDecisionRecord(workspace, { title: 'Serve the detector in INT8', runIds: ['20260302T090000Z'], decision: 'We will ship the INT8 model.' }, new Date('2026-03-02T12:00:00Z'));
    const second = await newDecisionRecord(workspace, { title: 'Keep FP32 on the desktop' }, new Date('2026-03-03T12:00:00Z'));
    expect(first.file).toBe('adr/0001-serve-the-detector-in-int8.md');
    expect(second.file).toBe('adr/0002-keep-fp32-on-the-desktop.md');
    const text = await readFile(first.path, 'utf8');
    expect(text).toContain('# 1. Serve the detector in INT8');
    expect(text).toContain('We will ship the INT8 model.');
    expect(text).toContain('[run 20260302T090000Z-abc123](../runs/20260302T090000Z-abc123.json): yolo-n.onnx on NVIDIA Jetson Orin Nano');
    expect(await listDecisionRecords(dir)).toEqual([
      { number: 1, title: 'Serve the detector in INT8', status: 'proposed', date: '2026-03-02', file: first.file, runIds: ['20260302T090000Z-abc123'] },
      { number: 2, title: 'Keep FP32 on the desktop', status: 'proposed', date: '2026-03-03', file: second.file, runIds: [] },
    ]);
  });

  it('writes nothing when a cited run does not exist', async () => {
    await expect(newDecisionRecord(workspace, { title: 'Anything', runIds: ['nope'] })).rejects.toMatchObject({ name: 'LabError' });
    expect(await readdir(dir)).not.toContain('adr');
  });
});
