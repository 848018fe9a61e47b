import { open, mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LabError } from '../api/errors.js';
import type { MergeBundlesAnswer } from '../api/evidence-bundle.js';
import { BUNDLE_LIMITS } from '../evidence/bundle/tar-reader.js';
import { callLab } from '../lab/lab-dispatch.js';
import type { LabService } from '../lab/lab-service.js';

/** `POST /api/upload-bundle?name=FILE[&allowedSigners=PATH]`: the path the browser face posts a bundle file to. */
export const UPLOAD_BUNDLE_PATH = 'upload-bundle';

/**
 * A bundle uploaded from the browser: the body is streamed to a file in a folder of its own (never
 * held in memory, cut off past the bound), then merged through the same LabApi call and the same
 * checks as `edgelab runs merge`, and removed. The body must be `application/octet-stream`, which a
 * page of another origin cannot send without a preflight this server never grants.
 */
export async function mergeUploadedBundle(lab: LabService, req: IncomingMessage, query: URLSearchParams): Promise<MergeBundlesAnswer> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
    throw new LabError('usage', 'POST /api/upload-bundle: the body must be the bundle file (Content-Type: application/octet-stream).', 'Send the file as it is, e.g. with fetch(url, { body: file }).');
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > BUNDLE_LIMITS.maxUploadBytes) throw tooLarge(declared);
  const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-upload-'));
  try {
    const file = path.join(dir, safeName(query.get('name')));
    const handle = await open(file, 'wx');
    let size = 0;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > BUNDLE_LIMITS.maxUploadBytes) throw tooLarge(size);
        await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
    const allowedSigners = query.get('allowedSigners');
    return (await callLab(lab, 'mergeBundles', { request: { bundles: [file], ...(allowedSigners ? { allowedSigners } : {}) } })) as MergeBundlesAnswer;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function tooLarge(bytes: number): LabError {
  return new LabError('usage', `The uploaded bundle is over ${BUNDLE_LIMITS.maxUploadBytes} bytes (${bytes} so far).`, 'Merge a bundle that large from the command line: `edgelab runs merge FILE`.');
}

/** The uploaded file's own name, kept for the merge record, reduced to a plain file name. */
function safeName(name: string | null): string {
  const base = path.basename((name ?? '').replaceAll('\\', '/')).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  return base === '' ? 'uploaded.bundle.tar' : base.slice(0, 128);
}
