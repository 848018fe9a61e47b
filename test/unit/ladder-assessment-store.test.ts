import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assess, assessmentPath, loadAssessment, saveAssessment } from '../../core/ladder/self-assessment.js';

describe('stored self-assessment', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edgelab-assess-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is absent before the first assessment', async () => {
    expect(await loadAssessment(dir)).toBeNull();
  });

  it('round-trips with its schema and ladder version, replacing the previous one and leaving no temp file', async () => {
    await saveAssessment(dir, assess([true, false, false, false, false], new Date('2026-03-01T10:00:00Z')));
    const second = assess([true, true, true, false, false], new Date('2026-03-02T10:00:00Z'));
    await saveAssessment(dir, second);
    expect(await loadAssessment(dir)).toEqual(second);
    const stored = JSON.parse(await readFile(assessmentPath(dir), 'utf8'));
    expect(stored).toMatchObject({ schemaVersion: 1, ladderVersion: 1, phase: 'senior' });
    expect(await readdir(join(dir, 'ladder'))).toEqual(['assessment.json']);
  });

  it('names the file and what to do when it was damaged', async () => {
    await saveAssessment(dir, assess([false, false, false, false, false]));
    await writeFile(assessmentPath(dir), '{"schemaVersion": 1, "phase": "guru"}');
    await expect(loadAssessment(dir)).rejects.toMatchObject({ message: expect.stringContaining(assessmentPath(dir)), hint: expect.stringContaining('edgelab ladder assess') });
  });
});
