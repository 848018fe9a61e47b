import { describe, expect, it } from 'vitest';
import { profileExplained } from '../../core/ladder/criteria.js';
import { evaluateLadder } from '../../core/ladder/evaluate.js';
import { attestation, evidence, PROFILE, run } from '../golden/ladder/records.js';

describe('profile with explained bottlenecks', () => {
  const profiled = run({ id: 'r-prof', extras: { profile: PROFILE } });

  it('is not met by a profile with no written explanation, and says how to add one', () => {
    const outcome = profileExplained(evidence({ runs: [profiled] }));
    expect(outcome.met).toBe(false);
    expect(outcome.missing).toContain('Run r-prof was profiled on Intel Core i7-1185G7');
    expect(outcome.missing).toContain('edgelab ladder explain r-prof');
  });

  it('is not met when the profiled run recorded no hardware', () => {
    const outcome = profileExplained(evidence({ runs: [run({ id: 'r-anon', hardware: null, extras: { profile: PROFILE } })] }));
    expect(outcome.met).toBe(false);
    expect(outcome.missing).toMatch(/no hardware was recorded/);
  });

  it('is not met by an explanation attached to a different run', () => {
    const note = attestation('a1', 'profile-explained/r-other', 'Conv dominates.');
    expect(profileExplained(evidence({ runs: [profiled], attestations: [note] })).met).toBe(false);
  });

  it('is met with the explanation attached to the run in the ladder status', () => {
    const note = attestation('a1', 'profile-explained/r-prof', 'Conv 3x3 layers take 71 % of kernel time; they are compute bound.', 'https://example.com/notes/1');
    const ev = evidence({ runs: [profiled], attestations: [note] });
    const outcome = profileExplained(ev);
    expect(outcome.met).toBe(true);
    expect(outcome.runs[0]?.why).toContain('largest op type: Conv');
    const item = evaluateLadder(ev).gates.flatMap((g) => g.items).find((i) => i.item.id === 'profile-explained');
    expect(item?.kind === 'measured' && item.runs[0]?.notes.map((n) => n.note)).toEqual([note.note]);
  });
});

describe('an imported profile and the ladder', () => {
  it('never checks the measured item, even with an explanation attached', () => {
    // An `edgelab import ort-profile` record: same profile, origin imported.
    const imported = run({ id: 'r-imp', extras: { profile: PROFILE } });
    const withOrigin = { ...imported, origin: { kind: 'imported' as const, tool: 'ort-profile', files: [], statedHardware: 'Jetson AGX Orin', importedAt: '2026-11-30T00:00:00.000Z' } };
    const note = attestation('a1', 'profile-explained/r-imp', 'Conv dominates.');
    // The criterion alone would be met; the ladder sets imported runs aside before any criterion runs.
    expect(profileExplained(evidence({ runs: [withOrigin], attestations: [note] })).met).toBe(true);
    const item = evaluateLadder(evidence({ runs: [withOrigin], attestations: [note] })).gates.flatMap((g) => g.items).find((i) => i.item.id === 'profile-explained');
    expect(item?.met).toBe(false);
    expect(item?.kind === 'measured' ? item.missing : '').toContain('Imported run r-imp would meet it');
  });
});
