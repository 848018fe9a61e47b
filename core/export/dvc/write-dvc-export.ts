import { lstat, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { LabError } from '../../api/errors.js';
import type { DvcExportResult } from '../../api/team-export.js';
import { writeSyncedTempFile } from '../../evidence/atomic-file.js';
import type { ExportSelection } from '../export-selection.js';
import { DVC_YAML_HEADER, dvcFiles } from './dvc-files.js';
import { keyRuns } from './run-key.js';
import { CDF_TEMPLATE_NAME, latencyCdfTemplateText } from './vega-template.js';

/**
 * Writes a DVC export into `dir` (a folder of its own inside a git repo, e.g. `perf/`): files that
 * already hold the same bytes are left alone, the others are replaced atomically, and files an
 * earlier export wrote that the new dvc.yaml no longer names are removed. A dvc.yaml edgelab did not
 * write is never touched. The CDF template is also put where DVC looks for custom templates
 * (`.dvc/plots/` of the DVC repo above `dir`), when there is one.
 */
export async function writeDvcExport(dir: string, selection: ExportSelection, options: { named: boolean; workspaceDir?: string }): Promise<DvcExportResult> {
  const root = resolve(dir);
  // The evidence is never an export target: files written there would sit beside records and ledger.
  if (options.workspaceDir !== undefined) {
    const ws = resolve(options.workspaceDir);
    if (root === ws || root.startsWith(ws + sep) || ws.startsWith(root + sep)) {
      throw new LabError('usage', `export dvc ${dir}: that folder ${root === ws || root.startsWith(ws + sep) ? 'is inside' : 'holds'} the evidence workspace (${ws}).`,
        'Export into a folder of its own in your model repository, e.g. `edgelab export dvc perf/`.');
    }
  }
  const { files, runs } = dvcFiles(keyRuns(selection.records, options.named));
  await mkdir(root, { recursive: true }).catch((e: unknown) => {
    throw new LabError('input', `Cannot create the export folder ${root}: ${(e as Error).message}`, 'Choose a writable folder inside your repository, e.g. perf/.');
  });
  const previous = await previousExport(root);
  for (const [path, content] of files) await writeIfChanged(join(root, ...path.split('/')), content);
  const removed: string[] = [];
  for (const old of previous) {
    if (files.has(old)) continue;
    await rm(join(root, ...old.split('/')), { force: true });
    removed.push(old);
  }
  const dvcDir = await findDvcDir(root);
  let templateInstalledAt: string | null = null;
  if (dvcDir) {
    templateInstalledAt = join(dvcDir, 'plots', `${CDF_TEMPLATE_NAME}.json`);
    await writeIfChanged(templateInstalledAt, latencyCdfTemplateText());
  }
  return { dir: root, files: [...files.keys()].sort(), removed: removed.sort(), runs, templateInstalledAt };
}

/** Files an earlier edgelab export left under metrics/ and plots/; refuses a folder that is someone else's. */
async function previousExport(root: string): Promise<string[]> {
  let dvcYaml: string;
  try {
    dvcYaml = await readFile(join(root, 'dvc.yaml'), 'utf8');
  } catch {
    return [];
  }
  if (!dvcYaml.startsWith(DVC_YAML_HEADER)) {
    throw new LabError('usage', `${join(root, 'dvc.yaml')} was not written by edgelab; exporting there would overwrite it.`,
      'Export into a folder of its own (e.g. `edgelab export dvc perf/`): DVC reads dvc.yaml files in any folder of the repo.');
  }
  const found: string[] = [];
  for (const folder of ['metrics', 'plots']) {
    for (const file of await listFiles(join(root, folder))) found.push(relative(root, file).split(sep).join('/'));
  }
  return found.filter((f) => /\.(json|tsv)$/.test(f));
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

async function writeIfChanged(path: string, content: string): Promise<void> {
  const bytes = Buffer.from(content, 'utf8');
  // Only regular files are read or replaced: reading a FIFO would hang, and a link or device is not ours.
  const existing = await lstat(path).catch(() => null);
  if (existing && !existing.isFile()) {
    throw new LabError('usage', `export dvc: ${path} exists and is not a regular file.`, 'Remove it or export into another folder. The workspace is unchanged.');
  }
  const current = existing ? await readFile(path) : null;
  if (current?.equals(bytes)) return;
  try {
    await mkdir(dirname(path), { recursive: true });
    const temp = await writeSyncedTempFile(dirname(path), path.split(sep).pop() as string, bytes);
    await rename(temp, path);
  } catch (e) {
    throw new LabError('input', `Cannot write ${path}: ${(e as Error).message}`, 'Check the folder\'s permissions and free disk space. The workspace is unchanged.', { cause: e });
  }
}

/** The `.dvc` folder of the DVC repo that holds `dir`, looking upwards; null outside one. */
async function findDvcDir(dir: string): Promise<string | null> {
  let current = dir;
  for (;;) {
    const candidate = join(current, '.dvc');
    if (await stat(candidate).then((s) => s.isDirectory(), () => false)) return candidate;
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}
