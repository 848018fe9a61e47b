import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LabError } from '../../api/errors.js';

/**
 * The manifest of a DVC export: every file the export wrote, with the SHA-256 of the bytes it wrote.
 * A later export removes a file only when this manifest names it and the file still holds those
 * bytes, so an export can only ever delete what edgelab itself put there, unchanged. Free of clocks,
 * like the rest of the export: exporting the same runs twice leaves git clean.
 */
export const MANIFEST_NAME = 'edgelab-export.json';
const WRITTEN_BY = 'edgelab export dvc';

/**
 * The only files an export writes (run keys are [a-z0-9._-], never "." or ".."): a manifest naming
 * anything else (`../evidence/ledger.jsonl`, `runs/x.json`) is not one edgelab wrote.
 */
const EXPORT_FILE = /^(?:dvc\.yaml|params\.yaml|metrics\/[a-z0-9_-][a-z0-9._-]*\.json|plots\/[a-z0-9_-][a-z0-9._-]*\/latency(?:-cdf)?\.tsv|plots\/templates\/[a-z0-9_-][a-z0-9._-]*\.json)$/;

const ManifestSchema = z.strictObject({
  written_by: z.literal(WRITTEN_BY),
  manifest_version: z.literal(1),
  files: z.record(z.string().regex(EXPORT_FILE), z.string().regex(/^[0-9a-f]{64}$/)),
});

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The manifest's bytes for the files of this export (relative path → content), keys sorted. */
export function manifestText(files: ReadonlyMap<string, Buffer>): string {
  const sorted = [...files.keys()].sort();
  const manifest = { written_by: WRITTEN_BY, manifest_version: 1, files: Object.fromEntries(sorted.map((f) => [f, sha256Hex(files.get(f) as Buffer)])) };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The files (relative path → SHA-256) an earlier export wrote, from its manifest's bytes. */
export function parseManifest(bytes: Buffer, path: string): Map<string, string> {
  let parsed: z.infer<typeof ManifestSchema>;
  try {
    parsed = ManifestSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch (e) {
    const why = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.') || 'top level'}: ${i.message}`).slice(0, 3).join('; ') : (e as Error).message;
    throw new LabError('usage', `${path} is not a manifest edgelab wrote (${why}); nothing was written or removed.`,
      'Export into a folder of its own, or remove that file if it is not yours to keep: then no file of the earlier export is removed, only listed.');
  }
  return new Map(Object.entries(parsed.files));
}
