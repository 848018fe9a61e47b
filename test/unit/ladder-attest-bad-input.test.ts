import { describe, expect, it } from 'vitest';
import { validateAttestRequest } from '../../core/ladder/attest.js';

function errorOf(fn: () => unknown): { message: string; hint?: string } {
  try {
    fn();
  } catch (e) {
    return e as { message: string; hint?: string };
  }
  throw new Error('expected an error');
}

describe('attesting bad input', () => {
  it('rejects an unknown item and lists the valid ones', () => {
    const e = errorOf(() => validateAttestRequest({ itemId: 'promoted', note: 'yes' }));
    expect(e.message).toBe('There is no ladder item "promoted".');
    expect(e.hint).toContain('Items you can attest: eval-protocol, reviewed-change, production-deploy');
    expect(e.hint).toContain('Items checked from runs: e2e-inference, eval-case, profile-explained');
  });

  it('refuses to attest a measured item, saying it is checked from runs and which command produces the evidence', () => {
    const e = errorOf(() => validateAttestRequest({ itemId: 'edge-realtime', note: 'ran it on my Jetson' }));
    expect(e.message).toContain('"edge-realtime" is checked from run records, not attested');
    expect(e.hint).toContain('edgelab bench MODEL --target realtime-30');
  });

  it('rejects a malformed link, naming it', () => {
    expect(errorOf(() => validateAttestRequest({ itemId: 'design-doc', note: 'Tracker design', link: 'docs/tracker.md' })).message).toBe('The link "docs/tracker.md" is not a URL.');
    expect(errorOf(() => validateAttestRequest({ itemId: 'design-doc', note: 'Tracker design', link: 'file:///etc/passwd' })).message).toContain('uses file, not http or https');
  });

  it('rejects an empty note', () => {
    const e = errorOf(() => validateAttestRequest({ itemId: 'design-doc', note: '   ' }));
    expect(e.message).toBe('The note is empty.');
  });

  it('accepts a good request, trimming the note', () => {
    expect(validateAttestRequest({ itemId: 'design-doc', note: ' Tracker design ', link: 'https://example.com/doc', date: '2026-01-15' })).toEqual({
      itemId: 'design-doc',
      note: 'Tracker design',
      link: 'https://example.com/doc',
      date: '2026-01-15',
    });
  });
});

describe('an attestation dated in the future', () => {
  it('is refused naming the date, by the workspace every face saves through', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { Workspace } = await import('../../core/evidence/workspace.js');
    const ws = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-future-')));
    const now = new Date('2026-11-30T12:00:00Z');
    await expect(ws.saveAttestation({ itemId: 'reviewed-change', note: 'merged', date: '2026-12-02' }, now)).rejects.toThrow(/The attestation date 2026-12-02 is in the future \(it is 2026-11-30 now\)/);
    await expect(ws.saveAttestation({ itemId: 'reviewed-change', note: 'merged', date: '2026-11-30T13:00:00Z' }, now)).rejects.toThrow(/in the future/);
    // Today in a time zone ahead of UTC is not the future.
    expect((await ws.saveAttestation({ itemId: 'reviewed-change', note: 'merged', date: '2026-12-01' }, now)).date).toBe('2026-12-01');
    expect(await ws.listAttestations()).toHaveLength(1);
  });
});
