import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { z } from 'zod';
import { LabError } from '../api/errors.js';
import { readWorkspaceFile } from './no-follow-file.js';

/**
 * Records are pretty-printed for review in a pull request, except arrays of plain numbers (latency
 * samples), which stay on one line so a record of 100 000 samples is not 100 000 lines.
 */
export function serializeRecord(record: unknown): Buffer {
  const pretty = JSON.stringify(record, null, 2);
  const compact = pretty.replace(/\[\n\s*(-?\d[\d.eE+-]*(?:,\n\s*-?\d[\d.eE+-]*)*)\n\s*\]/g, (_all, items: string) =>
    `[${items.replace(/,\n\s*/g, ', ')}]`,
  );
  return Buffer.from(`${compact}\n`, 'utf8');
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// The wording of a schema's refusal is core/api's, where every face reaches it.
import { describeIssues } from '../api/describe-issues.js';
export { describeIssues, formatIssuePath } from '../api/describe-issues.js';

export interface RecordSchemaInfo<T> {
  schema: z.ZodType<T>;
  /** "run record", "attestation": used in messages. */
  what: string;
  /** The newest schemaVersion this edgelab can read. */
  schemaVersion: number;
}

const UNTOUCHED_HINT =
  'edgelab has not changed or removed the file. Restore it from version control or from where it was copied; `edgelab runs verify` lists every record that differs from the ledger.';

/**
 * Reads and validates one record file. A file that fails is reported by name and field path and is
 * left exactly as it is: evidence is never repaired behind the user's back.
 */
export async function readRecordFile<T extends { id: string }>(file: string, info: RecordSchemaInfo<T>): Promise<T> {
  let text: string;
  try {
    text = (await readWorkspaceFile(file)).toString('utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LabError(
      'input',
      code === 'ENOENT' ? `The ${info.what} file ${file} does not exist.` : `Cannot read the ${info.what} file ${file}: ${(e as Error).message}`,
      'Check the workspace folder (--workspace DIR or EDGELAB_WORKSPACE) and its permissions.',
      { cause: e },
    );
  }
  return parseRecordText(text, file, info);
}

export function parseRecordText<T extends { id: string }>(text: string, file: string, info: RecordSchemaInfo<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LabError('input', `The ${info.what} ${file} is not valid JSON: ${(e as Error).message}`, UNTOUCHED_HINT, { cause: e });
  }
  const version = typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (typeof version === 'number' && version > info.schemaVersion) {
    throw new LabError(
      'input',
      `The ${info.what} ${file} has schemaVersion ${version}; this edgelab reads up to version ${info.schemaVersion}.`,
      'It was written by a newer edgelab: update edgelab to read it.',
    );
  }
  const parsed = info.schema.safeParse(json);
  if (!parsed.success) {
    throw new LabError('input', `The ${info.what} ${file} fails validation: ${describeIssues(parsed.error)}.`, UNTOUCHED_HINT);
  }
  const expectedId = basename(file, '.json');
  if (parsed.data.id !== expectedId) {
    throw new LabError(
      'input',
      `The ${info.what} ${file} fails validation: field id: is "${parsed.data.id}" but the file is named for "${expectedId}".`,
      UNTOUCHED_HINT,
    );
  }
  return parsed.data;
}

/**
 * A record carries the SHA-256 of its own bytes (written without this field) from the moment it is
 * written, before any ledger line exists. So a record a crash left unrecorded can be told from one
 * edited afterwards (the digest no longer matches) or made by hand (no digest): `runs verify
 * --accept-unrecorded` accepts only the first kind. The field is last, so removing it and
 * serializing again gives back exactly the bytes that were hashed.
 */
export const CONTENT_DIGEST_FIELD = 'contentSha256';

export function serializeWithContentDigest(record: object): Buffer {
  const { [CONTENT_DIGEST_FIELD]: _ignored, ...body } = record as Record<string, unknown>;
  return serializeRecord({ ...body, [CONTENT_DIGEST_FIELD]: sha256Hex(serializeRecord(body)) });
}

export type ContentDigestCheck = 'matches' | 'differs' | 'absent';

/** Whether the file is byte for byte what edgelab wrote, judged by its own digest. */
export function checkContentDigest(bytes: Buffer): ContentDigestCheck {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'differs';
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'differs';
  const { [CONTENT_DIGEST_FIELD]: digest, ...body } = json as Record<string, unknown>;
  if (typeof digest !== 'string') return 'absent';
  // Both the content and its layout must be edgelab's: a reformatted file is not what was written.
  const written = serializeRecord({ ...body, [CONTENT_DIGEST_FIELD]: digest });
  return written.equals(bytes) && sha256Hex(serializeRecord(body)) === digest ? 'matches' : 'differs';
}
