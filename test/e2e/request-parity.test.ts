import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabRequestSchemas } from '../../core/api/lab-requests.js';
import { SCREENS } from '../../renderer/src/routes.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';
import { requestFields } from '../helpers/request-fields.js';
import { launchChromium, startServe, stopServe } from './lab-browser.js';
import { requestFieldsOnScreen } from './request-field-explorer.js';
import { APP_EXCEPTIONS, CLI_EXCEPTIONS, CLI_FLAGS, PENDING_APP, runFormTwin } from './request-parity-tables.js';

// Parity by construction: every field of every LabApi request schema has a control in the app
// (read from the real screens in Chromium, over a workspace of real runs), a flag in the CLI
// (read from the real `edgelab … --help`), or an exception that says why not.
const root = fileURLToPath(new URL('../../', import.meta.url));
const artifacts = path.join(root, 'test', 'artifacts', 'e2e');
const fields = requestFields(LabRequestSchemas);

let server: ChildProcess;
let url: URL;
let workspace: string;
let browser: Browser;
let page: Page;
let profiledRun: string;
let plainRun: string;
const appFields = new Set<string>();

async function bench(args: string[]): Promise<string> {
  const result = await runCli(['bench', ...args, '--iterations', '20', '--json', '--workspace', workspace], { timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`edgelab bench ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { id: string }).id;
}

async function show(hash: string, heading: RegExp): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function collectScreen(name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `parity-${name}.png`), fullPage: true });
  for (const field of await requestFieldsOnScreen(page)) appFields.add(field);
}

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-parity-'));
  const tiny = await modelPath('tiny-classifier');
  profiledRun = await bench([tiny, '--profile', '--label', 'profiled']);
  plainRun = await bench([tiny, '--label', 'plain']);
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(url.href);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('every LabApi request field has a control in the app and a flag in the CLI, or a reason', { timeout: 300_000 }, () => {
  it('the schema walk finds the fields the contract is made of', () => {
    // Spot checks that the walk descends where it must: a union, an array of objects, nested objects.
    for (const field of ['startRun.spec.inputs.paths', 'startRun.spec.scenario.warmup.durationMs', 'startOutputCheck.request.preprocessing.resize', 'verify.request.pinnedHead', 'exportReport.format']) {
      expect(fields).toContain(field);
    }
    expect(fields.some((f) => f.startsWith('providers'))).toBe(false);
  });

  it('reads the controls of every screen', async () => {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Models', exact: true }).click();
    await page.getByLabel('Model file (.onnx)').fill(await modelPath('symbolic-dims'));
    await page.getByRole('button', { name: 'Inspect' }).click();
    await page.getByRole('heading', { name: 'symbolic-dims.onnx' }).waitFor();
    await collectScreen('models');
    await page.getByRole('button', { name: 'Benchmark this model' }).click();
    await page.getByRole('group', { name: 'Check outputs' }).waitFor();
    await collectScreen('run');
    const visits: Array<[string, string, RegExp]> = [
      ['results', `#/results/${profiledRun}`, /^Results/],
      ['graph', `#/graph/${profiledRun}`, /^Graph/],
      ['trace', `#/trace/${profiledRun}`, /^Trace/],
      // Its controls stand whatever run it is opened on; a run that is no accuracy pass is refused in the page.
      ['images', `#/images/${profiledRun}`, /^Images/],
      ['compare', `#/compare/${profiledRun},${plainRun}`, /^Compare/],
      ['history', '#/history', /^History/],
      ['fleet', '#/fleet', /^Fleet/],
      ['tradeoff', '#/tradeoff', /^Tradeoff/],
      ['suites', '#/suites', /^Suites/],
      ['import', '#/import', /^Import/],
      ['ladder', '#/ladder', /^Ladder/],
      ['brief', '#/brief', /^Brief/],
      ['hardware', '#/hardware', /^Hardware/],
    ];
    for (const [name, hash, heading] of visits) {
      await show(hash, heading);
      // Screens that load a run show their controls once it is there.
      if (name === 'results') await page.getByRole('button', { name: 'HTML' }).waitFor();
      if (name === 'trace') await page.locator('#inference-pick').waitFor();
      if (name === 'images') await page.getByRole('alert').filter({ hasText: 'is not an accuracy pass' }).waitFor();
      if (name === 'history') await page.getByRole('checkbox', { name: `Select run ${plainRun}` }).waitFor();
      await collectScreen(name);
    }
    // Every screen the app has was read, the Models and Run screens above.
    expect(new Set([...visits.map(([name]) => name), 'models', 'run'])).toEqual(new Set(SCREENS.map((s) => s.id)));
    // A control that names a field the contract does not have is a typo, or a field since renamed.
    expect([...appFields].filter((f) => !fields.includes(f)), 'data-request-field values that are no request field').toEqual([]);
  });

  it('the app has a control for every field, or an exception or a pending entry that is still needed', () => {
    // The sweep is started from the Run form (its axes beside the form's own fields).
    expect(appFields.has('runSweep.axes.batch')).toBe(true);
    const covered = (field: string) => appFields.has(runFormTwin(field));
    const excused = (field: string) => runFormTwin(field) in APP_EXCEPTIONS || runFormTwin(field) in PENDING_APP;
    const missing = fields.filter((f) => !covered(f) && !excused(f));
    expect(missing, 'fields with no app control and no exception').toEqual([]);
    const unneeded = [...Object.keys(APP_EXCEPTIONS), ...Object.keys(PENDING_APP)].filter(covered);
    expect(unneeded, 'exceptions or pending entries whose control now exists: remove them').toEqual([]);
    const stale = [...Object.keys(APP_EXCEPTIONS), ...Object.keys(PENDING_APP)].filter((f) => !fields.includes(f));
    expect(stale, 'entries for fields the contract no longer has').toEqual([]);
  });

  it('the CLI has a flag for every field, in the help of the command that takes it, or an exception', async () => {
    const missing = fields.filter((f) => !(f in CLI_FLAGS) && !(f in CLI_EXCEPTIONS));
    expect(missing, 'fields with no CLI flag and no exception').toEqual([]);
    const both = Object.keys(CLI_EXCEPTIONS).filter((f) => f in CLI_FLAGS);
    expect(both, 'fields with a flag and an exception').toEqual([]);
    const stale = [...Object.keys(CLI_FLAGS), ...Object.keys(CLI_EXCEPTIONS)].filter((f) => !fields.includes(f));
    expect(stale, 'entries for fields the contract no longer has').toEqual([]);

    const helps = new Map<string, string>();
    const help = async (command: string) => {
      if (!helps.has(command)) {
        const result = await runCli([...command.split(' '), '--help']);
        expect(result.code, `edgelab ${command} --help`).toBe(0);
        helps.set(command, result.stdout);
      }
      return helps.get(command) as string;
    };
    const absent: string[] = [];
    for (const [field, { command, flag, helpOf }] of Object.entries(CLI_FLAGS)) {
      if (!mentions(await help(helpOf ?? command), flag)) absent.push(`${field}: edgelab ${helpOf ?? command} --help has no ${flag}`);
      if (helpOf && !(await help(command)).includes(`[${helpOf} flags]`)) absent.push(`${field}: edgelab ${command} --help does not say it takes ${helpOf}'s flags`);
    }
    expect(absent).toEqual([]);
  });
});

/** The flag or argument as a word of the help text: `--dim` is not `--dims`, `ID` not `IDS`. */
function mentions(help: string, flag: string): boolean {
  const escaped = flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s\\[(])${escaped}(?=$|[\\s\\]),=…])`, 'm').test(help);
}
