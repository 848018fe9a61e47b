import type { BundleRunsAnswer, MergeBundlesAnswer, MergedBundleView } from '../api/evidence-bundle.js';

/** What `edgelab runs bundle` prints: the file, what it carries, the head it pins and whether it is signed. */
export function bundleLines(answer: BundleRunsAnswer): string[] {
  const runs = `${answer.runs.length} run${answer.runs.length === 1 ? '' : 's'}`;
  // The manifest lists the ledger excerpt and each record as files too: what a reader counts is what lies beside the runs.
  const beside = Math.max(0, answer.files - answer.runs.length - 1);
  return [
    `Wrote ${answer.path} (${answer.bytes} bytes): ${runs}${beside > 0 ? ` with ${beside} file${beside === 1 ? '' : 's'} beside them` : ''} and their ledger lines, from ${answer.workspace}.`,
    `head ${answer.head.entryHash} (seq ${answer.head.seq})${answer.since ? `; ledger lines after ${answer.since.entryHash} (seq ${answer.since.seq})` : '; every ledger line up to it'}`,
    `machine ${answer.hardwareFingerprint ?? 'unknown'}${answer.unit ? `, unit ${answer.unit}` : ''}`,
    answer.signed ? 'signed (ssh-keygen -Y sign, namespace edgelab-bundle)' : 'unsigned: merged runs will show as merged, unsigned, and tick no measured ladder item; sign with --key FILE',
  ];
}

/** What `edgelab runs merge` prints, bundle by bundle: what was added, what was there already, and the trust each one gets. */
export function mergeLines(answer: MergeBundlesAnswer): string[] {
  const lines = answer.bundles.flatMap(bundleMergeLines);
  lines.push(`${answer.workspace}: head ${answer.head ?? '(empty)'}`);
  return lines;
}

function bundleMergeLines(bundle: MergedBundleView): string[] {
  const count = (outcome: string) => bundle.runs.filter((r) => r.outcome === outcome).length;
  const where = `${bundle.sourceUnit ? `unit ${bundle.sourceUnit}, ` : ''}machine ${bundle.hardwareFingerprint?.slice(0, 12) ?? 'unknown'}`;
  if (bundle.mergeId === null) {
    return [
      `${bundle.bundle}: merged before (head ${bundle.head.entryHash}, seq ${bundle.head.seq}): nothing changed; ${bundle.runs.length} run${bundle.runs.length === 1 ? '' : 's'} already here.`,
      // A copy signed since (or by another key) grants nothing new: the runs keep the merge that first brought them.
      `  this copy: ${bundle.trust}; its runs keep the trust of the merge that first brought them`,
    ];
  }
  const lines = [
    `${bundle.bundle}: merged as ${bundle.mergeId}: ${count('added')} added, ${count('present')} already here, ${count('renamed')} kept under a new id; head ${bundle.head.entryHash} (seq ${bundle.head.seq}), ${where}.`,
    `  ${bundle.trust}`,
  ];
  const chain = chainLine(bundle);
  if (chain !== null) lines.push(`  ${chain}`);
  for (const run of bundle.runs.filter((r) => r.outcome === 'renamed')) {
    lines.push(`  ${run.id}: another run here has this id and different bytes; this one is kept as ${run.storedAs}`);
  }
  return lines;
}

/**
 * Whether a `--since` bundle's ledger lines join a bundle merged here before. Its excerpt is checked
 * from the head it states; when no merge here ended at that head, the lines before it (and their
 * runs) are not vouched for by this merge, and the reader is told so.
 */
function chainLine(bundle: MergedBundleView): string | null {
  if (bundle.since === null) return null;
  const from = `seq ${bundle.since.seq} (${bundle.since.entryHash.slice(0, 16)}…)`;
  if (bundle.continues !== null) return `its ledger lines continue from ${from}, the head of the bundle merged as ${bundle.continues}: the two pieces of the chain join`;
  return `its ledger lines start after ${from}, where no bundle merged here ended: checked from that head on, not joined to an earlier merge; what came before it is here only if another bundle brought it (merge the bundle that ends there, or one made with --all)`;
}
