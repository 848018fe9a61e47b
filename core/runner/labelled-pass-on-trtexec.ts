import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ObservedRun } from '../api/run-record.js';
import { trtexecPassEngine } from '../engines/trtexec/trtexec-pass-engine.js';
import { runLabelledPass, type LabelledPassRequest, type ReferencePassFile } from '../evaluate/pass/run-labelled-pass.js';

/**
 * An accuracy pass whose request names the trtexec engine: the pass as on ONNX Runtime, with trtexec
 * behind its engine seam. The engine and the files exchanged with trtexec live in a scratch folder
 * that goes when the pass ends; what is kept is the record and its per-image side file.
 */
export async function labelledPassOnTrtexec(request: LabelledPassRequest, reference: ReferencePassFile | undefined, signal: AbortSignal): Promise<{ record: ObservedRun; artifactPaths: string[] }> {
  if (request.engine?.kind !== 'trtexec') throw new Error('labelledPassOnTrtexec takes a request for the trtexec engine');
  const workDir = await mkdtemp(path.join(tmpdir(), 'edgelab-trtexec-pass-'));
  try {
    return await runLabelledPass(request, reference, trtexecPassEngine(request.engine, { workDir, signal }));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
