import { computeEntryHash, LedgerEntrySchema } from '../ledger.js';
import type { LedgerEntry } from '../ledger.js';
import type { BundleManifest } from './bundle-manifest.js';

/**
 * A bundle's ledger lines, chained again from the hash the manifest says they start after. Returns
 * the lines by record file, or why the excerpt does not chain (naming the line), so a line edited,
 * removed or reordered in transit is refused the way `runs verify` would refuse it at home.
 */
export function checkLedgerExcerpt(text: string, manifest: BundleManifest): Map<string, LedgerEntry> | string {
  const lines = text.split('\n');
  if (lines.pop() !== '') return 'ledger.jsonl does not end with a newline: its last line was cut';
  if (lines.length !== manifest.ledger.lines) return `ledger.jsonl has ${lines.length} lines where the manifest states ${manifest.ledger.lines}`;
  const byFile = new Map<string, LedgerEntry>();
  let seq = manifest.ledger.firstSeq;
  let prevHash = manifest.ledger.prevHash;
  if (manifest.since !== null && (manifest.since.entryHash !== prevHash || manifest.since.seq !== seq - 1)) {
    return `the manifest's ledger excerpt starts after seq ${seq - 1} (${prevHash}), not after the since head it names (seq ${manifest.since.seq})`;
  }
  for (const [index, lineText] of lines.entries()) {
    const where = `ledger.jsonl line ${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(lineText);
    } catch {
      return `${where} is not a JSON ledger entry`;
    }
    const parsed = LedgerEntrySchema.safeParse(json);
    if (!parsed.success) return `${where} is malformed (${parsed.error.issues[0]?.path.join('.') || 'entry'}: ${parsed.error.issues[0]?.message})`;
    const entry = parsed.data;
    if (entry.seq !== seq) return `${where} has seq ${entry.seq} where ${seq} was expected: a line was removed or reordered`;
    if (entry.prevHash !== prevHash) return `${where} (seq ${entry.seq}) does not chain from the line before it: a line before it was edited or removed`;
    if (computeEntryHash(entry) !== entry.entryHash) return `${where} (seq ${entry.seq}, ${entry.file}): entryHash does not match the line's fields: the line was edited`;
    if (byFile.has(entry.file)) return `${where} records ${entry.file} a second time; records are written once`;
    byFile.set(entry.file, entry);
    seq += 1;
    prevHash = entry.entryHash;
  }
  if (seq - 1 !== manifest.head.seq || prevHash !== manifest.head.entryHash) {
    return `ledger.jsonl ends at seq ${seq - 1} (${prevHash}), not at the head the manifest names (seq ${manifest.head.seq}, ${manifest.head.entryHash})`;
  }
  return byFile;
}
