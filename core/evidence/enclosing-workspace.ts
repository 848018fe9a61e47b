import { lstat } from 'node:fs/promises';
import path from 'node:path';

/** A workspace's own entries (decision records included): what nothing but edgelab's evidence code may write into. */
export const EVIDENCE_ENTRIES: readonly string[] = ['runs', 'attestations', 'adr', 'ledger.jsonl', 'ledger.head', 'ledger.lock', '.cache'];

/**
 * The evidence workspace `target` (a real path) belongs to, whichever workspace the command was given:
 * the nearest folder above it that holds a ledger.jsonl or ledger.head, when the target is one of that
 * folder's evidence entries or inside one (or, with `orItself`, that folder). A second project's
 * workspace, or the default one, is as much evidence as the one in use. Null when none.
 */
export async function enclosingWorkspace(target: string, options: { orItself?: boolean } = {}): Promise<string | null> {
  if (options.orItself && (await holdsLedger(target))) return target;
  let below = target;
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    if (EVIDENCE_ENTRIES.includes(path.basename(below)) && (await holdsLedger(dir))) return dir;
    if (path.dirname(dir) === dir) return null;
    below = dir;
  }
}

async function holdsLedger(dir: string): Promise<boolean> {
  const found = await Promise.all(['ledger.jsonl', 'ledger.head'].map((name) => lstat(path.join(dir, name)).then(() => true, () => false)));
  return found.includes(true);
}
