import { lstat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LabError } from '../../api/errors.js';
import type { TradeoffView } from '../../api/tradeoff.js';
import type { DvcExportResult } from '../../api/team-export.js';
import type { ExportSelection } from '../export-selection.js';
import { DVC_YAML_HEADER, dvcFiles } from './dvc-files.js';
import { ExportFolder } from './export-folder.js';
import { MANIFEST_NAME, manifestText, parseManifest } from './export-manifest.js';
import { prepareExportRoot } from './export-root.js';
import { keyRuns } from './run-key.js';
import { CDF_TEMPLATE_NAME, latencyCdfTemplateText } from './vega-template.js';
import { WorkspaceGuard } from './workspace-guard.js';

/**
 * Writes a DVC export into `dir` (a folder of its own inside a git repo, e.g. `perf/`): files that
 * already hold the same bytes are left alone, the others are replaced atomically, and a file of an
 * earlier export that this one no longer writes is removed only when that export's manifest names it
 * and it still holds the bytes the manifest's hash says; otherwise it is left and listed. A dvc.yaml
 * edgelab did not write is never touched, nor is anything of the evidence workspace, even when it
 * sits inside `dir`. The CDF template is also put where DVC looks for custom templates (`.dvc/plots/`
 * of the DVC repo above `dir`), when there is one.
 */
export async function writeDvcExport(dir: string, selection: ExportSelection, options: { named: boolean; workspaceDir: string; tradeoff?: TradeoffView }): Promise<DvcExportResult> {
  const { files, runs } = dvcFiles(keyRuns(selection.records, options.named), options.tradeoff);
  const contents = new Map([...files].map(([file, text]) => [file, Buffer.from(text, 'utf8')] as const));
  const guard = await WorkspaceGuard.of(options.workspaceDir);
  const folder = new ExportFolder(await prepareExportRoot(dir, guard), guard);
  const previous = await previousExport(folder);
  const outgoing = [...previous.manifest.keys()].filter((f) => !contents.has(f));
  const template = await templateFolder(folder.root, guard);
  const templateFile = `plots/${CDF_TEMPLATE_NAME}.json`;

  // Every path is checked before the first byte is written: a link or a FIFO anywhere refuses the whole export.
  for (const file of [...contents.keys(), ...outgoing, MANIFEST_NAME]) await folder.inspect(file);
  await template?.inspect(templateFile);

  for (const [file, bytes] of contents) await folder.write(file, bytes);
  const removed: string[] = [];
  const leftOver: DvcExportResult['leftOver'] = [];
  for (const file of outgoing) {
    const outcome = await folder.removeIfUnchanged(file, previous.manifest.get(file) as string);
    if (outcome === 'removed') removed.push(file);
    if (outcome === 'changed') leftOver.push({ file, why: 'changed since edgelab wrote it' });
  }
  for (const file of previous.unlisted.filter((f) => !contents.has(f))) {
    leftOver.push({ file, why: `written before edgelab kept a manifest (${MANIFEST_NAME}); remove it by hand if no longer wanted` });
  }
  // Written last: a crash before this leaves the earlier manifest, which never names a new file.
  await folder.write(MANIFEST_NAME, Buffer.from(manifestText(contents, selection), 'utf8'));
  await template?.write(templateFile, Buffer.from(latencyCdfTemplateText(), 'utf8'));
  return {
    dir: folder.root,
    files: [...contents.keys(), MANIFEST_NAME].sort(),
    removed: removed.sort(),
    leftOver: leftOver.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    runs,
    templateInstalledAt: template ? template.path(templateFile) : null,
    ledgerHead: selection.ledgerHead,
    signedHead: selection.signedHead,
  };
}

/**
 * What an earlier export left: the files its manifest lists with their hashes, or, for an export
 * written before manifests, the data files found (listed, never removed). Refuses a folder whose
 * dvc.yaml someone else wrote.
 */
async function previousExport(folder: ExportFolder): Promise<{ manifest: Map<string, string>; unlisted: string[] }> {
  const dvcYaml = await folder.read('dvc.yaml');
  if (dvcYaml && !dvcYaml.toString('utf8').startsWith(DVC_YAML_HEADER)) {
    throw new LabError('usage', `${folder.path('dvc.yaml')} was not written by edgelab; exporting there would overwrite it.`,
      'Export into a folder of its own (e.g. `edgelab export dvc perf/`): DVC reads dvc.yaml files in any folder of the repo.');
  }
  const manifest = await folder.read(MANIFEST_NAME);
  if (manifest) return { manifest: parseManifest(manifest, folder.path(MANIFEST_NAME)), unlisted: [] };
  if (!dvcYaml) return { manifest: new Map(), unlisted: [] };
  const found = [...(await folder.listFiles('metrics')), ...(await folder.listFiles('plots'))];
  return { manifest: new Map(), unlisted: found.filter((f) => /\.(json|tsv)$/.test(f)) };
}

/** The `.dvc` folder of the DVC repo that holds `root`, looking upwards, as a guarded folder; null outside one. */
async function templateFolder(root: string, guard: WorkspaceGuard): Promise<ExportFolder | null> {
  for (let current = root; ; current = dirname(current)) {
    const candidate = join(current, '.dvc');
    const st = await lstat(candidate, { bigint: true }).catch(() => null);
    if (st?.isSymbolicLink()) {
      throw new LabError('usage', `export dvc: ${candidate} is a symbolic link; edgelab installs the CDF template only into a real .dvc folder.`,
        'Replace the link by the folder itself (`dvc init`), then export again. Nothing was written.');
    }
    if (st?.isDirectory()) {
      guard.check(candidate, st);
      return new ExportFolder(candidate, guard);
    }
    if (dirname(current) === current) return null;
  }
}
