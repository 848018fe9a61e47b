import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../../api/errors.js';

/** Where JetPack installs trtexec; TensorRT's tar and deb packages put it on PATH or beside their bin/. */
export const JETPACK_TRTEXEC = '/usr/src/tensorrt/bin/trtexec';

async function executable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * trtexec is looked for at the path the run names, then on PATH, then where JetPack puts it. Not
 * found is 'unavailable' (exit 3, recorded as a failed run): the request is fine, the machine lacks
 * TensorRT. The message lists every place looked, so the user can see which one they expected.
 */
export async function locateTrtexec(explicit: string | undefined, envPath = process.env['PATH'] ?? ''): Promise<string> {
  const looked: string[] = [];
  if (explicit !== undefined) {
    const resolved = path.resolve(explicit);
    const kind = await stat(resolved).then((s) => (s.isDirectory() ? 'a folder' : 'a file'), () => null);
    if (kind === 'a file' && (await executable(resolved))) return resolved;
    looked.push(`${resolved} (--trtexec${kind === 'a folder' ? ': a folder, not the executable' : kind === 'a file' ? ': not executable, chmod +x it' : ': no such file'})`);
  }
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'trtexec');
    if (await executable(candidate)) return candidate;
  }
  looked.push(`trtexec on PATH (${envPath.split(path.delimiter).filter(Boolean).length} folders)`);
  if (await executable(JETPACK_TRTEXEC)) return JETPACK_TRTEXEC;
  looked.push(JETPACK_TRTEXEC);
  throw new LabError(
    'unavailable',
    `trtexec was not found. Looked at: ${looked.join('; ')}.`,
    'trtexec comes with TensorRT: on a Jetson, install JetPack (`sudo apt install nvidia-jetpack`, or `nvidia-tensorrt`), which puts it at /usr/src/tensorrt/bin/trtexec; on a PC, install TensorRT from NVIDIA (its bin/ folder holds trtexec). Then pass --trtexec PATH or put it on PATH.',
  );
}
