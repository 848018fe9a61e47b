import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startServe, stopServe, unfold } from './lab-browser.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const artifacts = path.join(root, 'test', 'artifacts', 'e2e');

let server: ChildProcess;
let url: URL;
let workspace: string;
let browser: Browser;
let page: Page;
let model: string;
let symbolicModel: string;
let convModel: string;

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

async function goTo(screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`^${screen}`) }).waitFor();
}

beforeAll(async () => {
  // The served bundle is the production one (test/renderer-bundle.global.ts builds it when stale).
  const bundle = (await readdir(path.join(root, 'dist', 'renderer', 'assets'))).filter((f) => f.endsWith('.js'));
  for (const file of bundle) expect(await readFile(path.join(root, 'dist', 'renderer', 'assets', file), 'utf8')).not.toContain('jsxDEV');
  await mkdir(artifacts, { recursive: true });
  model = await modelPath('tiny-classifier');
  symbolicModel = await modelPath('symbolic-dims');
  convModel = await modelPath('mobilenet-style');
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-'));
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('the lab in a browser, served by edgelab serve', () => {
  it('refuses API requests and pages that do not carry the token', async () => {
    const api = await fetch(new URL('/api/providers', url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
    const stranger = await browser.newPage();
    const response = await stranger.goto(new URL('/', url).href);
    expect(response?.status()).toBe(401);
    expect(await stranger.textContent('body')).toContain('access token');
    await stranger.close();
  });

  it('shows an API error with the message and hint the CLI prints', async () => {
    await page.goto(url.href);
    await page.getByLabel('Model file (.onnx)').fill(path.join(workspace, 'missing.onnx'));
    await page.getByRole('button', { name: 'Inspect' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('missing.onnx');
    expect(await alert.locator('.error-hint').count()).toBe(1);
  });

  it('opens a model and shows its inputs, outputs, opsets and ops', async () => {
    await page.getByLabel('Model file (.onnx)').fill(model);
    await page.getByRole('button', { name: 'Inspect' }).click();
    await page.getByRole('heading', { name: 'tiny-classifier.onnx' }).waitFor();
    const inputs = page.locator('table', { has: page.locator('caption', { hasText: 'Inputs' }) });
    expect(await inputs.textContent()).toContain('[1, 3, 32, 32]');
    expect(await page.locator('table', { has: page.locator('caption', { hasText: 'Op histogram' }) }).locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot('01-model');
  });

  it('runs a benchmark with a target and shows the statistics, verdict and charts', async () => {
    await page.getByRole('button', { name: 'Benchmark this model' }).click();
    await page.getByLabel('Warm-up iterations').fill('5');
    await page.getByLabel('Timed iterations').fill('60');
    await page.getByLabel(/^Targets/).fill('p50<=1000ms');
    await page.getByLabel('Label (optional)').fill('e2e');
    await screenshot('02-run-form');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor({ timeout: 30_000 });
    const verdicts = page.locator('table.verdicts');
    expect(await verdicts.textContent()).toContain('p50<=1000ms');
    expect(await verdicts.locator('.verdict').textContent()).toBe('pass');
    expect(await page.locator('table.stats').first().textContent()).toContain('p99');
    // Both report charts render to SVG through Vega's interpreter, under a CSP without unsafe-eval.
    // The two latency charts, and the telemetry chart when the sampler caught two or more points.
    await expect.poll(() => page.locator('.chart svg').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    // Telemetry is on by default, in the section `runs show` prints: each source a figure or "not measured" and why, never a zero.
    const telemetry = page.locator('section.extras-telemetry table');
    expect((await telemetry.locator('tbody tr td:first-child').allTextContents()).slice(0, 5)).toEqual(['CPU load', 'CPU clock', 'Temperature', 'Energy', 'GPU']);
    // A run this short may end before the kernel's CPU counters advance: then the reason, never 0 %.
    expect(await telemetry.locator('tr', { hasText: 'CPU load' }).textContent()).toMatch(/% mean|not measured/);
    await screenshot('03-results');
    await page.emulateMedia({ colorScheme: 'dark' });
    // The charts redraw with the dark scheme's axes and background.
    await expect.poll(() => page.locator('.chart svg').first().innerHTML()).toContain('stroke="#353b42"');
    await screenshot('04-results-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('exports the run as a Markdown report through a download', async () => {
    const runId = (await page.locator('.facts dd.mono').first().textContent()) ?? '';
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Markdown' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const file = await download.path();
    const text = await readFile(file, 'utf8');
    expect(text).toContain(runId);
    // Markdown escapes the comparator as HTML; the target is there either way.
    expect(text).toMatch(/p50(<|&lt;)=1000ms/);
    // PDF needs Electron's printToPDF: a browser page offers no such button.
    expect(await page.getByRole('button', { name: /PDF/ }).count()).toBe(0);
  });

  it('lists the run in History', async () => {
    await goTo('History');
    const rows = page.locator('table.runs tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('e2e');
  });

  it('starts symbolic dims empty, refuses Start with the CLI\'s message until each has a value, and records nothing meanwhile', async () => {
    await goTo('Models');
    await page.getByLabel('Model file (.onnx)').fill(symbolicModel);
    await page.getByRole('button', { name: 'Inspect' }).click();
    await page.getByRole('heading', { name: 'symbolic-dims.onnx' }).waitFor();
    await page.getByRole('button', { name: 'Benchmark this model' }).click();
    for (const dim of ['height', 'width', 'seq_len']) expect(await page.getByLabel(`Value of symbolic dim ${dim}`).inputValue()).toBe('');
    await page.getByLabel('Warm-up iterations').fill('2');
    await page.getByLabel('Timed iterations').fill('20');
    await page.getByLabel(/^Targets/).fill('');
    await page.getByLabel('Label (optional)').fill('e2e-symbolic');
    await page.getByLabel('Value of symbolic dim height').fill('24');
    await page.getByRole('button', { name: 'Start' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('need a value');
    // The message names every dim still missing, as `edgelab bench` does; the one given is not among them.
    const message = (await alert.textContent()) ?? '';
    expect(message).toContain('width');
    expect(message).toContain('seq_len');
    expect(message).not.toContain('no value for height');
    // The CLI's message, with each flag named as the form names the field to fill.
    expect(message).toContain('"Value of symbolic dim width"');
    expect(message).not.toContain('--dim');
    // Shown where Start was pressed, in view, above the sweep and output-check forms below it.
    const box = (await alert.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    expect(box.y).toBeLessThan((await page.locator('fieldset.sweep').boundingBox())!.y);
    await page.screenshot({ path: path.join(artifacts, '10b-run-refused-in-view.png') });
    await screenshot('10-run-refused-missing-dims');
    const listed = await page.evaluate(async () => (await fetch('/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"filter":{}}' })).json() as Promise<{ value: unknown[] }>);
    expect(listed.value).toHaveLength(1);

    await page.getByLabel('Value of symbolic dim width').fill('40');
    // A whole shape, as --shape: it gives the input's dims their values, so seq_len needs no value of its own.
    await page.getByLabel('Shape of input tokens (optional; gives its dims their values)').fill('7x16');
    await page.getByLabel('Graph optimisation level').selectOption('basic');
    await page.getByLabel('Memory pattern (pre-planned allocations)').uncheck();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { level: 1, name: /^Results.*e2e-symbolic/ }).waitFor({ timeout: 30_000 });
    const shapes = page.locator('.facts .fact', { hasText: 'Input shapes' });
    expect(await shapes.textContent()).toContain('image float32[1x3x24x40]');
    expect(await shapes.textContent()).toContain('tokens float32[7x16]');
    const configuration = page.getByRole('region', { name: 'Configuration' });
    expect(await configuration.locator('tr', { hasText: 'graphOptimizationLevel' }).textContent()).toContain('basic');
    expect(await configuration.locator('tr', { hasText: 'enableMemPattern' }).textContent()).toContain('false');
    expect(await configuration.locator('tr', { hasText: 'Input dims' }).textContent()).toContain('height=24, width=40');
    expect(await configuration.locator('tr', { hasText: 'Input shapes' }).textContent()).toContain('tokens=7x16');
    await screenshot('11-results-input-shapes');
    // The Run screen keeps the finished run's live chart, on axes with units.
    await goTo('Run');
    const live = page.getByRole('status', { name: 'Run status' }).locator('.live-chart');
    expect(await live.locator('text.axis-title').allTextContents()).toEqual(['latency (ms)', 'timed iteration']);
    expect(await live.locator('text.tick-label').count()).toBeGreaterThan(3);
  });

  it('runs the throughput scenario from the form and shows its load, memory and telemetry in Results', async () => {
    await goTo('Run');
    await page.getByLabel('Scenario', { exact: true }).selectOption('throughput');
    await page.getByLabel(/^Concurrency/).fill('2');
    expect(await page.getByLabel(/^Queries per second/).count()).toBe(0);
    // About a second, so the 4 Hz telemetry sampler records a series to chart.
    await page.getByLabel('Timed iterations').fill('');
    // Long enough that the timed phase is still running when the status is read, however busy the machine.
    await page.getByLabel(/^Duration limit/).fill('2.5');
    await page.getByLabel(/^Targets/).fill('');
    await page.getByLabel('Label (optional)').fill('e2e-throughput');
    await screenshot('07-run-form-throughput');
    await page.getByRole('button', { name: 'Start' }).click();
    // While it runs: the phase and progress in a status kept in view.
    const status = page.getByRole('status', { name: 'Run status' });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/Timed run/);
    await screenshot('07b-run-in-progress');
    const section = page.getByRole('region', { name: 'Throughput scenario' });
    await section.waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('e2e-throughput');
    expect(await section.textContent()).toContain('2 inferences in flight');
    expect(await page.locator('table.stats tr', { hasText: 'Throughput' }).first().textContent()).toMatch(/\d+(\.\d+)? \/s/);
    const memory = page.getByRole('region', { name: 'Memory' });
    expect(await memory.locator('tr', { hasText: 'Peak during the run' }).textContent()).toMatch(/MiB/);
    expect(await page.locator('section.extras-telemetry table').count()).toBe(1);
    await screenshot('08-results-throughput');
    // Latency histogram, latency over time, and the telemetry series drawn by the renderer's own spec.
    await expect.poll(() => page.locator('.chart svg').count(), { timeout: 10_000 }).toBe(3);
    // The telemetry chart is in its folded section, drawn once the section is opened.
    await unfold(page, 'Telemetry');
    expect(await page.getByRole('img', { name: /^Telemetry over the run/ }).locator('svg').count()).toBe(1);

    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot('09-results-throughput-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('profiles a model and shows where the time goes on its graph, searchable, with each node\'s details', async () => {
    await goTo('Models');
    await page.getByLabel('Model file (.onnx)').fill(convModel);
    await page.getByRole('button', { name: 'Inspect' }).click();
    await page.getByRole('heading', { name: 'mobilenet-style.onnx' }).waitFor();
    await page.getByRole('button', { name: 'Benchmark this model' }).click();
    await page.getByLabel('Value of symbolic dim batch').fill('1');
    await page.getByLabel('Scenario', { exact: true }).selectOption('single-stream');
    await page.getByLabel('Warm-up iterations').fill('2');
    await page.getByLabel('Timed iterations').fill('20');
    await page.getByLabel(/^Duration limit/).fill('');
    await page.getByLabel('Label (optional)').fill('e2e-profiled');
    await page.getByLabel(/^Op-level profile/).check();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { level: 1, name: /^Results.*e2e-profiled/ }).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: /on the model graph/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Graph/ }).waitFor();
    const graph = page.getByRole('img', { name: /^Model graph/ });
    await graph.waitFor({ timeout: 30_000 });
    // Every operator is drawn, and the profiled ones carry the run's time as their colour.
    expect(await graph.locator('g.node-op').count()).toBeGreaterThan(5);
    expect(await graph.locator('g.node.profiled').count()).toBeGreaterThan(0);
    expect(await page.locator('.graph-legend').textContent()).toContain('host (CPU) kernel time');
    const slowest = page.locator('table.slowest tbody tr');
    expect(await slowest.count()).toBeGreaterThan(0);
    expect(await slowest.first().textContent()).toMatch(/\d+(\.\d+)? %/);
    await screenshot('12-graph-profiled');

    await page.getByLabel('Find node').fill('Conv');
    await expect.poll(() => graph.locator('g.node.matched').count()).toBeGreaterThan(0);
    await page.getByRole('list', { name: 'Matching nodes' }).getByRole('button').first().click();
    const details = page.getByRole('complementary', { name: 'Node details' });
    await expect.poll(() => details.locator('h2').textContent()).toContain('Conv');
    expect(await details.locator('table', { hasText: 'Attributes' }).textContent()).toContain('kernel_shape');
    expect(await details.locator('table', { hasText: 'Weights' }).textContent()).toMatch(/float32 \[\d+, \d+, \d+, \d+\]/);
    expect(await details.locator('table.profile').textContent()).toMatch(/Time per inference/);
    await screenshot('13-graph-node-details');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot('14-graph-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('gives every screen and run an address: back and forward move between them, a run link opens the run', async () => {
    const graphUrl = page.url();
    expect(graphUrl).toMatch(/#\/graph\/[\w-]+$/);
    await goTo('History');
    expect(page.url()).toMatch(/#\/history$/);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: /^Graph/ }).waitFor();
    expect(page.url()).toBe(graphUrl);
    await page.goForward();
    await page.getByRole('heading', { level: 1, name: /^History/ }).waitFor();
    const runId = graphUrl.split('/').at(-1) ?? '';
    await page.getByRole('link', { name: runId }).click();
    await page.getByRole('heading', { level: 1, name: /^Results.*e2e-profiled/ }).waitFor();
    // A reload lands on the same run, read back from the workspace.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Results.*e2e-profiled/ }).waitFor();
    expect(await page.locator('.facts dd.mono').first().textContent()).toBe(runId);
  });

  it('draws one inference of the profiled run as a timeline and saves its ONNX Runtime trace', async () => {
    await page.getByRole('link', { name: /Timeline of one inference/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Trace/ }).waitFor();
    const timeline = page.getByRole('img', { name: /^Timeline of one inference/ });
    await timeline.waitFor({ timeout: 20_000 });
    expect(await timeline.locator('rect.span').count()).toBeGreaterThan(5);
    expect(await timeline.locator('text.tick-label').first().textContent()).toMatch(/ms$/);
    await timeline.locator('rect.span').first().click();
    expect(await page.locator('.facts', { hasText: 'Kernel' }).textContent()).toMatch(/Takes.*ms/);
    await screenshot('17-trace-timeline');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download the trace/ }).click()]);
    const events = JSON.parse(await readFile(await download.path(), 'utf8')) as Array<{ cat?: string; name?: string }>;
    expect(events.some((e) => e.cat === 'Session' && e.name === 'model_run')).toBe(true);
    await page.goBack();
  });

  it('records an explanation of the profiled run\'s bottlenecks and a decision record backed by it', async () => {
    const runId = (await page.locator('.facts dd.mono').first().textContent()) ?? '';
    await unfold(page, 'Op breakdown');
    await page.getByLabel('What you did, and where').fill('Pointwise convs dominate; they sit well under the roof, so the next step is threads.');
    await page.getByRole('button', { name: 'Record the explanation' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Recorded as attested evidence' }).count()).toBe(1);
    await goTo('Ladder');
    await page.getByLabel('Decision title').fill('Ship the pointwise-heavy variant on CPU');
    await page.getByLabel('Status', { exact: true }).selectOption('accepted');
    await page.getByLabel(/^Runs that back it/).fill(runId);
    await page.getByLabel('Decision', { exact: true }).fill('Keep fp32 on CPU with 4 threads.');
    await page.getByRole('button', { name: 'Write the decision record' }).click();
    const table = page.locator('section[aria-labelledby="adr-heading"] table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.textContent()).toContain('Ship the pointwise-heavy variant on CPU');
    expect(await table.getByRole('link', { name: runId }).count()).toBe(1);
    await screenshot('19-ladder-decision-record');
  });

  it('searches, sorts and pages History, and compares any number of runs with charts, deltas and tradeoffs', async () => {
    await goTo('History');
    const rows = page.locator('table.runs tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByLabel('Search', { exact: true }).fill('e2e-symbolic');
    await expect.poll(() => rows.count()).toBe(1);
    expect(page.url()).toContain('q=e2e-symbolic');
    await page.getByLabel('Search', { exact: true }).fill('');
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByRole('button', { name: /^p50 ms/ }).click();
    await expect.poll(() => page.locator('th[aria-sort]').textContent()).toContain('p50');
    const p50s = await rows.locator('td.num').evaluateAll((cells) => cells.filter((_, i) => i % 2 === 0).map((c) => Number(c.textContent)));
    expect(p50s).toEqual([...p50s].sort((a, b) => b - a));
    await screenshot('15-history-sorted');
    for (const label of ['e2e', 'e2e-throughput', 'e2e-profiled']) {
      await rows.filter({ hasText: new RegExp(`${label}$`) }).getByRole('checkbox').check();
    }
    await page.getByRole('button', { name: 'Compare selected (3)' }).click();
    await page.getByRole('heading', { level: 1, name: /^Compare/ }).waitFor();
    await expect.poll(() => page.locator('.chart svg').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect(await page.getByRole('img', { name: /^Latency CDFs of 3 runs/ }).count()).toBe(1);
    const deltas = page.locator('table.deltas');
    expect(await deltas.count()).toBe(2);
    // p as the CLI prints it (never 4.6e-38), and each percentile's change with its interval, the
    // same figures `edgelab compare` prints for the same two runs.
    const caption = (await deltas.first().locator('caption').textContent()) ?? '';
    expect(caption).toMatch(/Mann–Whitney U p (< 0\.001|= [01]\.\d{3}),/);
    expect(caption).not.toMatch(/\de-\d/);
    const [baselineId, otherId] = await page.locator('table.compare-runs tbody tr td:first-child a').allTextContents();
    const cli = await runCli(['compare', baselineId!, otherId!, '--workspace', workspace]);
    expect(cli.code, cli.stderr).toBe(0);
    const cliP50 = cli.stdout.split('\n').find((l) => l.startsWith('p50 '))!.trim().split(/\s{2,}/);
    const appP50 = await deltas.first().locator('tbody tr', { has: page.locator('th', { hasText: /^p50$/ }) }).locator('td').allTextContents();
    expect(appP50.slice(2, 4)).toEqual([cliP50[3], cliP50[4]]); // B/A and its 95 % interval
    expect(cli.stdout).toContain(`p ${caption.match(/p (< 0\.001|= [01]\.\d{3})/)![1]}`);
    expect(await page.getByRole('img', { name: /^Tradeoff of \d+ variants/ }).count()).toBe(1);
    await screenshot('16-compare');
  });

  it('attests a ladder item and shows it met, apart from measured items', async () => {
    await goTo('Ladder');
    await page.getByLabel('Item', { exact: true }).selectOption('eval-protocol');
    // An empty note is refused with the CLI's message, its hint naming the form's field.
    await page.getByRole('button', { name: 'Attest' }).click();
    const refusal = page.getByRole('alert');
    await expect.poll(() => refusal.textContent()).toContain('The note is empty.');
    expect(await refusal.textContent()).toContain('"What you did, and where"');
    expect(await refusal.textContent()).not.toMatch(/Too small|expected string/);
    await page.getByLabel('What you did, and where').fill('Wrote down how we evaluate the detector and added the night-time test set.');
    await page.getByLabel(/^Link/).fill('https://example.com/eval/pull/7');
    await page.getByRole('button', { name: 'Attest' }).click();
    const item = page.locator('li.item[data-item="eval-protocol"]');
    await expect.poll(() => item.getAttribute('class')).toContain('met');
    expect(await item.textContent()).toContain('night-time test set');
    expect(await page.locator('li.item-measured').count()).toBeGreaterThan(0);
    await screenshot('05-ladder');
  });

  it('marks an edited run "not verified" in History and refuses to open it as evidence', async () => {
    const { readdir, writeFile } = await import('node:fs/promises');
    const [first] = (await readdir(path.join(workspace, 'runs'))).filter((n) => n.endsWith('.json')).sort();
    const file = path.join(workspace, 'runs', first as string);
    await writeFile(file, (await readFile(file, 'utf8')).replace(/"p50": [\d.e-]+/, '"p50": 0.0001'));
    await goTo('History');
    const marked = page.locator('table.runs tbody tr', { has: page.locator('.not-verified') });
    await expect.poll(() => marked.count()).toBe(1);
    expect(await marked.locator('.not-verified').getAttribute('title')).toMatch(/changed after it was recorded/);
    await screenshot('10-history-not-verified');
    await marked.getByRole('link').first().click();
    await expect.poll(() => page.locator('body').textContent(), { timeout: 10_000 }).toMatch(/not verified evidence/);
  });

  it('shows this machine and which execution providers start here', async () => {
    await goTo('Hardware');
    const providers = page.locator('table', { has: page.locator('th', { hasText: 'Starts here' }) });
    await providers.waitFor({ timeout: 20_000 });
    expect(await providers.locator('tr', { hasText: 'cpu' }).first().textContent()).toContain('starts');
    // This machine as `edgelab hw` prints it.
    const summary = page.locator('table.hw-summary');
    for (const row of ['Machine', 'Fingerprint', 'CPU', 'Memory', 'ONNX Runtime']) expect(await summary.locator('th', { hasText: row }).count()).toBe(1);
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const iconResponse = await page.request.get(new URL(icon ?? '', page.url()).href);
    expect(iconResponse.headers()['content-type']).toContain('image/svg+xml');
    await screenshot('06-hardware');
  });

  it('shows a parity check as its own kind in History and as the report\'s tables in Results', async () => {
    // A parity check made by the CLI into the same workspace: the app lists and draws what any face recorded.
    const copy = path.join(workspace, 'tiny-copy.onnx');
    await writeFile(copy, await readFile(model));
    const cli = await runCli(['parity', model, copy, '--label', 'e2e-parity'], { env: { EDGELAB_WORKSPACE: workspace } });
    expect(cli.code, cli.stderr).toBe(0);
    await goTo('History');
    await page.getByLabel('Search', { exact: true }).fill('e2e-parity');
    const row = page.locator('table.runs tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('parity');
    expect(await row.locator('.verdict').textContent()).toBe('pass');
    await row.getByRole('link').first().click();
    const section = page.locator('section.extras-section', { has: page.locator('h2#extras-parity') });
    await unfold(page, 'Parity');
    await section.locator('table.report-table').first().waitFor({ timeout: 20_000 });
    const headers = await section.locator('table.report-table thead th').allTextContents();
    expect(headers.join(' ')).toMatch(/Output/);
    // Designed tables, not a dump of the record's keys.
    expect(await section.textContent()).not.toMatch(/maxAbsError|cosineSimilarity|\{"/);
    await screenshot('18-results-parity');
  });

  it('cancels a run and shows the record it kept: the error, and the samples measured before the stop', async () => {
    await goTo('Models');
    await page.getByLabel('Model file (.onnx)').fill(model);
    await page.getByRole('button', { name: 'Inspect' }).click();
    await page.getByRole('heading', { name: 'tiny-classifier.onnx' }).waitFor();
    await page.getByRole('button', { name: 'Benchmark this model' }).click();
    await page.getByLabel('Timed iterations').fill('');
    // Long enough never to end by itself: the test cancels it once timed samples have arrived.
    await page.getByLabel(/^Duration limit/).fill('120');
    await page.getByLabel('Label (optional)').fill('e2e-cancelled');
    await page.getByLabel(/^Targets/).fill('p99<=50ms');
    await page.getByRole('button', { name: 'Start' }).click();
    const status = page.getByRole('status', { name: 'Run status' });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/Timed run: ([2-9]|\d{2,}) iterations/);
    // Live telemetry while it runs: each source a figure or "not measured", never a made-up zero.
    const live = page.getByLabel('Live telemetry');
    await expect.poll(() => live.count(), { timeout: 30_000 }).toBe(1);
    expect(await live.textContent()).toMatch(/RSS \d+ MiB/);
    expect(await live.textContent()).toMatch(/(\d+ °C|temperature not measured)/);
    await screenshot('20a-run-live-telemetry');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { level: 1, name: /^Results.*e2e-cancelled/ }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.facts .status-mark').textContent()).toBe('cancelled');
    const kept = page.getByRole('region', { name: 'Samples kept' });
    expect(await kept.textContent()).toMatch(/\d+ timed iterations before the stop/);
    await expect.poll(() => kept.locator('.chart svg').count(), { timeout: 10_000 }).toBe(2);
    // The target it set was not met: it is listed so, never as "no targets".
    expect(await page.locator('ul.unmet-targets').textContent()).toContain('p99<=50ms not met: the run was cancelled before it finished');
    await screenshot('20-results-cancelled');
    await goTo('History');
    const row = page.locator('table.runs tbody tr', { hasText: 'e2e-cancelled' });
    await row.waitFor();
    expect(await row.textContent()).not.toContain('no targets');
    expect(await row.locator('.verdict-fail').count()).toBe(1);
    // The form keeps its fields: leave no target behind for the tests after this one.
    await goTo('Run');
    await page.getByLabel(/^Targets/).fill('');
  });

  it('lists a sweep\'s points as sweep runs and links every point of a sweep from each of them', async () => {
    const cli = await runCli(['sweep', model, '--threads', '1,2', '--iterations', '5', '--warmup', '1', '--no-telemetry', '--label', 'e2e-sweep'], { env: { EDGELAB_WORKSPACE: workspace } });
    expect(cli.code, cli.stderr).toBe(0);
    await goTo('History');
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByLabel('Search', { exact: true }).fill('e2e-sweep');
    const rows = page.locator('table.runs tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('sweep single-stream');
    await rows.first().getByRole('link').first().click();
    await page.getByRole('link', { name: /^Every point of sweep/ }).click();
    await page.getByRole('heading', { level: 1, name: /^History/ }).waitFor();
    expect(page.url()).toContain('q=sweep%3A');
    await expect.poll(() => rows.count()).toBe(2);
  });

  it('runs a suite file, shows each entry\'s outcome and the JUnit XML a CI job reads', async () => {
    const suiteFile = path.join(workspace, 'gate.yaml');
    await writeFile(suiteFile, [
      'name: e2e-gate',
      'runs:',
      `  - model: ${JSON.stringify(model)}`,
      '    label: tiny gate',
      '    scenario: { kind: single-stream, iterations: 20, warmup: { iterations: 2 } }',
      '    targets: ["p50<=10s"]',
      '    telemetry: false',
      '  - model: missing.onnx',
      '    label: not there',
      '',
    ].join('\n'));
    await goTo('Suites');
    await page.getByLabel(/^Suite file/).fill(suiteFile);
    await page.getByRole('button', { name: 'Run the suite' }).click();
    const junit = page.getByLabel('JUnit XML');
    await junit.waitFor({ timeout: 60_000 });
    const rows = page.locator('table.runs tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator('.verdict').textContent()).toBe('pass');
    expect(await rows.nth(1).textContent()).toContain('refused');
    expect(await rows.nth(1).textContent()).toContain('missing.onnx');
    expect(await page.locator('section[aria-labelledby="suite-result-heading"] p').first().textContent()).toMatch(/would exit with [1-9]/);
    expect(await junit.textContent()).toContain('<testsuite');
    expect(await junit.textContent()).toContain('p50&lt;=10s');
    await screenshot('21-suite');
  });

  it('sweeps thread counts from the Run form, marks the best point and compares the points', async () => {
    await goTo('Run');
    await page.getByLabel('Timed iterations').fill('15');
    await page.getByLabel(/^Duration limit/).fill('');
    await page.getByLabel('Label (optional)').fill('e2e-form-sweep');
    await page.getByLabel(/^Intra-op thread counts/).fill('1, 2');
    await page.getByRole('button', { name: 'Run the sweep' }).click();
    const result = page.getByRole('region', { name: 'Sweep result' });
    await result.waitFor({ timeout: 60_000 });
    const rows = result.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('threads=1'), expect.stringContaining('threads=2')]);
    expect(await result.locator('.badge', { hasText: 'best' }).count()).toBe(1);
    await screenshot('22-run-form-sweep');
    await result.getByRole('link', { name: 'Compare the points' }).click();
    await page.getByRole('heading', { level: 1, name: /^Compare/ }).waitFor();
    await expect.poll(() => page.locator('table.deltas').count(), { timeout: 20_000 }).toBe(1);
  });

  it('runs on real images with the preprocessing chosen in the form and records it', async () => {
    // A real PNG, decoded and preprocessed by sharp in the runner as `--images` does.
    const imagesDir = path.join(workspace, 'frames');
    await mkdir(imagesDir, { recursive: true });
    const sharp = (await import('sharp')).default;
    await sharp({ create: { width: 48, height: 40, channels: 3, background: { r: 200, g: 30, b: 90 } } }).png().toFile(path.join(imagesDir, 'frame.png'));
    await goTo('Run');
    await page.getByLabel('Input data').selectOption('images');
    await page.getByLabel('Image, folder or list file').fill(imagesDir);
    await page.getByLabel('Resize').selectOption('letterbox');
    await page.getByLabel(/^Letterbox pad value/).fill('0');
    await page.getByLabel('Normalisation').selectOption('custom');
    await page.getByLabel('Mean per channel').fill('0.5, 0.5, 0.5');
    await page.getByLabel('Label (optional)').fill('e2e-images');
    // The form is kept from the runs before (the profiled one left its profile pass on): the image pipeline has none.
    await page.getByLabel(/^Op-level profile/).uncheck();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Results.*e2e-images/ }).waitFor({ timeout: 60_000 });
    const configuration = page.getByRole('region', { name: 'Configuration' });
    expect(await configuration.locator('tr', { hasText: 'Inputs' }).first().textContent()).toContain(imagesDir);
    expect(await configuration.locator('tr', { hasText: 'Preprocessing' }).textContent()).toContain('letterbox (pad 0)');
    expect(await configuration.locator('tr', { hasText: 'Normalisation' }).textContent()).toContain('mean [0.5, 0.5, 0.5]');
    await screenshot('23-results-images');
  });
});
