import type { Workspace } from '../evidence/index.js';
import type { RunnerLauncher } from '../runner/runner-process.js';
import type { LabApi } from '../api/lab-api.js';
import type { LabService } from './lab-service.js';
import { ModelInspections } from './model-inspections.js';

/** Where measurements run: this process (the CLI), a forked Node process (serve), or a host's own launcher (Electron's utilityProcess). */
export type LabRunner = 'in-process' | 'child-process' | RunnerLauncher;

export interface OpenLabOptions {
  /** `--workspace DIR`; else EDGELAB_WORKSPACE, else the OS data folder. */
  workspace?: string | undefined;
  env?: NodeJS.ProcessEnv;
  runner: LabRunner;
  /** How this lab names itself to other edgelab processes waiting for the machine (`edgelab bench` …). */
  command?: string;
  /**
   * For faces that only read (list, show, verify, report): a workspace the user cannot write (a
   * read-only mount, someone else's checkout) is opened read-only instead of refused.
   */
  readOnlyFallback?: boolean;
  /** Told when the workspace lock is held by another process, and when a stale one is taken over. */
  onLockWait?: (holder: string, dir: string) => void;
  onLockTakeOver?: (what: string) => void;
  /** Prints a brief's HTML to PDF: the app's printToPDF; Chromium headless when left out. */
  printPdf?: (html: string) => Promise<Buffer>;
}

/**
 * The lab's one factory: every face (the CLI, `edgelab serve`, the desktop app) gets its LabApi
 * here, so each opens the workspace, finds the machine's state folder and starts runs the same way.
 */
export async function openLab(options: OpenLabOptions): Promise<LabService> {
  // Loaded here, not at the top: `edgelab inspect` takes only openModelLab from this module.
  const [{ locateWorkspaceDir, Workspace }, { resolveStateDir }, { LabService }] = await Promise.all([
    import('../evidence/index.js'),
    import('../evidence/state-dir.js'),
    import('./lab-service.js'),
  ]);
  const env = options.env ?? process.env;
  const { dir } = locateWorkspaceDir({ flag: options.workspace, env });
  const stateDir = resolveStateDir({ env });
  const lock = {
    onWait: (holder: string) => options.onLockWait?.(holder, dir),
    onTakeOver: (what: string) => options.onLockTakeOver?.(what),
  };
  let workspace: Workspace;
  try {
    workspace = await Workspace.open(dir, { lock, stateDir });
  } catch (e) {
    if (!options.readOnlyFallback) throw e;
    const readOnly = await Workspace.open(dir, { readOnly: true, stateDir }).catch(() => null);
    if (readOnly === null) throw e;
    workspace = readOnly;
  }
  return new LabService({ workspace, launchRunner: await launcherFor(options.runner), env, ...(options.command ? { command: options.command } : {}), ...(options.printPdf ? { printPdf: options.printPdf } : {}) });
}

async function launcherFor(runner: LabRunner): Promise<RunnerLauncher> {
  if (runner === 'in-process') return (await import('../runner/in-process-runner.js')).inProcessRunner;
  if (runner === 'child-process') return (await import('../runner/fork-runner.js')).forkRunner;
  return runner;
}

/**
 * The lab for the one call that needs no workspace: reading a model file (`edgelab inspect`). The
 * path is validated with the schema every transport uses, and the file is read as LabService reads
 * it; no workspace is opened or locked, and nothing that measures is loaded.
 */
export function openModelLab(): Pick<LabApi, 'inspectModel'> {
  const inspections = new ModelInspections();
  return {
    async inspectModel(path) {
      const { InspectModelRequestSchema } = await import('../api/inspect-request.js');
      return inspections.inspect(InspectModelRequestSchema.parse({ path }).path);
    },
  };
}

/**
 * The lab for `edgelab ci init`: writing a workflow reads no evidence, so no workspace is opened,
 * locked or created (the request is validated as every transport validates it).
 */
export function openCiLab(): Pick<LabApi, 'ciWorkflow'> {
  return {
    async ciWorkflow(request) {
      const { ciWorkflowText } = await import('./lab-ci.js');
      return ciWorkflowText(request);
    },
  };
}
