import { describe, expect, it } from 'vitest';
import { headDrift, seenHead, wroteHead } from '../../core/evidence/head-anchor.js';
import { computeEntryHash, formatLedgerLine, LEDGER_GENESIS_HASH, readLedgerText } from '../../core/evidence/ledger.js';
import type { LedgerEntry } from '../../core/evidence/ledger.js';
import type { RememberedHead } from '../../core/evidence/machine-state.js';

/** A chain of `n` lines; `variant` changes every hash from line `from` on (another history). */
function chain(n: number, variant = '', from = 1): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  let prev = LEDGER_GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const id = `20261101T00000${seq}Z-aaaaa${seq}`;
    const body = { seq, kind: 'run' as const, id, file: `runs/${id}.json`, sha256: (seq >= from && variant ? 'b' : 'a').repeat(64), recordedAt: '2026-11-01T00:00:00.000Z', prevHash: prev };
    const entry = { ...body, entryHash: computeEntryHash(body) };
    out.push(entry);
    prev = entry.entryHash;
  }
  return out;
}

const reading = (entries: LedgerEntry[]) => readLedgerText(entries.map(formatLedgerLine).join(''));
const remembered = (e: LedgerEntry, how: RememberedHead['how'] = 'wrote'): RememberedHead => ({ seq: e.seq, entryHash: e.entryHash, at: '2026-11-02T00:00:00.000Z', how });
const now = new Date('2026-11-03T00:00:00Z');

describe('a ledger against the head this machine remembers', () => {
  const five = chain(5);
  it('a descendant (the same head or later lines) is no drift', () => {
    expect(headDrift(reading(five), remembered(five[2]!))).toBeNull();
    expect(headDrift(reading(five), remembered(five[4]!))).toBeNull();
    expect(headDrift(reading(five), null)).toBeNull();
  });

  it('fewer lines than the remembered seq went backwards; the same seq with another hash went sideways', () => {
    expect(headDrift(reading(five.slice(0, 3)), remembered(five[4]!))).toMatchObject({ way: 'backwards', current: { seq: 3, entryHash: five[2]!.entryHash } });
    expect(headDrift(reading(chain(5, 'x', 4)), remembered(five[4]!))).toMatchObject({ way: 'sideways' });
    expect(headDrift(reading([]), remembered(five[0]!))).toMatchObject({ way: 'backwards', current: { seq: 0 } });
  });

  it('seeing moves the memory forward along the chain only', () => {
    expect(seenHead(reading(five), remembered(five[2]!), now)).toMatchObject({ seq: 5, how: 'saw' });
    expect(seenHead(reading(five.slice(0, 2)), remembered(five[2]!), now)).toBeNull(); // a reader that raced a writer
    expect(seenHead(reading(chain(5, 'x', 2)), remembered(five[2]!), now)).toBeNull(); // another history
  });

  it('writing continues the memory, reads the ledger across a gap, and never adopts a cut ledger', async () => {
    const six = chain(6);
    const full = async () => reading(six);
    expect(await wroteHead(six[5]!, remembered(six[4]!), full, now)).toMatchObject({ seq: 6, how: 'wrote' });
    expect(await wroteHead(six[5]!, remembered(six[2]!), full, now)).toMatchObject({ seq: 6 });
    expect(await wroteHead(six[2]!, remembered(six[4]!), full, now)).toBeNull();
    const other = chain(6, 'x', 2);
    expect(await wroteHead(other[5]!, remembered(six[2]!), async () => reading(other), now)).toBeNull();
  });
});
