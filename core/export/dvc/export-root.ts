import { lstat, mkdir, realpath, statfs } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { LabError } from '../../api/errors.js';
import { describeFileType } from '../../evidence/no-follow-file.js';
import type { WorkspaceGuard } from './workspace-guard.js';

/** Linux kernel file systems (statfs f_type): their entries are processes and devices, not files. */
const KERNEL_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'], [0x62656572, 'sysfs'], [0x1cd1, 'devpts'], [0x64626720, 'debugfs'], [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'], [0x27e0eb, 'cgroup'], [0x63677270, 'cgroup2'], [0x6165676c, 'pstore'], [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'], [0xde5e81e4, 'efivarfs'], [0xf97cff8c, 'selinuxfs'], [0x65735543, 'fusectl'], [0x42494e4d, 'binfmt_misc'],
]);
/** /dev is a tmpfs by type (devtmpfs), so it is known by place. */
const KERNEL_TREES = ['/proc', '/sys', '/dev'];

/**
 * The export folder's real path, created when missing. Refused before anything is created: a place
 * under /proc, /sys or /dev (Node's recursive mkdir never returns under /proc, and nothing there is
 * a file to commit), something that is not a folder, and a folder inside the evidence workspace.
 */
export async function prepareExportRoot(dir: string, guard: WorkspaceGuard): Promise<string> {
  const absolute = resolve(dir);
  const missing: string[] = [];
  let existing = absolute;
  while (!(await lstat(existing).then(() => true, () => false))) {
    missing.unshift(basename(existing));
    if (dirname(existing) === existing) break;
    existing = dirname(existing);
  }
  const existingReal = await realpath(existing).catch((e: unknown) => {
    throw new LabError('input', `export dvc ${dir}: cannot reach ${existing}: ${(e as Error).message}`, 'Choose a folder inside your repository, e.g. perf/.');
  });
  await refuseKernelPlace(dir, existingReal);
  const wouldBe = join(existingReal, ...missing);
  await guard.checkRoot(dir, wouldBe);
  // One level at a time, never recursive: each step is a plain mkdir that answers at once.
  let current = existingReal;
  for (const name of missing) {
    current = join(current, name);
    await mkdir(current).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return;
      throw new LabError('input', `Cannot create the export folder ${absolute}: ${(e as Error).message}`, 'Choose a writable folder inside your repository, e.g. perf/.');
    });
  }
  const root = await realpath(absolute);
  const st = await lstat(root, { bigint: true });
  if (!st.isDirectory()) {
    throw new LabError('usage', `export dvc ${dir}: that is ${describeFileType(st)}, not a folder.`, 'Name a folder of its own inside your repository, e.g. perf/.');
  }
  await refuseKernelPlace(dir, root);
  await guard.checkRoot(dir, root);
  return root;
}

async function refuseKernelPlace(dir: string, real: string): Promise<void> {
  if (process.platform === 'win32') return;
  const tree = KERNEL_TREES.find((t) => real === t || real.startsWith(t + sep));
  const type = tree ? undefined : KERNEL_FILE_SYSTEMS.get(Number((await statfs(real).catch(() => null))?.type ?? 0));
  if (tree !== undefined || type !== undefined) {
    throw new LabError('usage', `export dvc ${dir}: that is on ${tree ?? type}, a kernel file system (${real}); an export is files to commit beside a model.`,
      'Export into a folder of your repository, e.g. `edgelab export dvc perf/`.');
  }
}
