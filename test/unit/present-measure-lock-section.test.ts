import { describe, expect, it } from 'vitest';
import { measureLockSection } from '../../core/present/sections/measure-lock-section.js';

// The shapes core/measure/measure-lock.ts writes into extras.measureLock (recordMeasureLock).
describe('the time-on-the-machine section', () => {
  it('says a run measured alone when the lock was held and nothing met it', () => {
    const section = measureLockSection({ lock: 'held', waitedS: 0, waitedFor: null, overlapped: [] });
    expect(section?.title).toBe('Time on the machine');
    expect(section?.blocks).toEqual([{ kind: 'lines', items: ['Measured alone: this machine\'s measure lock was held and no other edgelab measurement ran meanwhile.', 'Did not wait for its turn.'] }]);
  });

  it('names whom a run waited for and every measurement that overlapped one run without the lock', () => {
    const section = measureLockSection({
      lock: 'not held',
      reason: '--no-wait while another edgelab measured',
      waitedS: 2.26,
      waitedFor: { runId: 'R1', command: 'edgelab serve', pid: 42, since: '2026-12-06T10:00:00Z' },
      overlapped: [{ runId: 'R1', command: 'edgelab serve', pid: 42, workspace: '/ws', startedAt: '2026-12-06T10:00:00Z', finishedAt: null, lockHeld: true }],
    });
    const [lines, table] = section!.blocks;
    expect(lines).toEqual({ kind: 'lines', items: ['Measured without the machine\'s measure lock: --no-wait while another edgelab measured.', 'Waited 2.3 s for its turn, behind edgelab serve run R1 (pid 42, measuring since 2026-12-06T10:00:00Z).'] });
    expect(table).toMatchObject({ kind: 'table', table: { rows: [['edgelab serve', 'R1', '42', '2026-12-06T10:00:00Z', 'held']] } });
  });

  it('leaves a shape it does not know to the generic tables', () => {
    expect(measureLockSection({ lock: 'maybe' })).toBeNull();
  });
});
