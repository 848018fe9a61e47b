import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunListItem } from '../../core/api/lab-api.js';
import type { RunRecord } from '../../core/api/run-record.js';
import type { RunSpecInput } from '../../core/api/run-spec.js';
import { launchChromium } from './lab-browser.js';
import { modelPath } from '../helpers/models.js';
import { ServeProcess } from '../helpers/serve-process.js';

/**
 * The Run form's fields that `edgelab bench` and `edgelab sweep` have as flags (--free-dim, --tag,
 * --warmup as a duration, several --ep in order, sweep's --dim), filled in Chromium against a real
 * `edgelab serve`; each is checked by its effect: the spec the app sent and the run it recorded.
 * Then the form kept across a reload, and a saved form that no longer fits dropped with a notice.
 */
const artifacts = path.join(fileURLToPath(new URL('../../', import.meta.url)), 'test', 'artifacts', 'e2e');
const FORM_KEY = 'edgelab.run-form.v1';

let serve: ServeProcess;
let browser: Browser;
let page: Page;
let model: string;
let symbolic: string;
/** The body of every startRun / runSweep the page sent, as the server received it. */
const sent: Array<{ method: string; body: { spec: RunSpecInput; axes?: Record<string, unknown> } }> = [];

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  model = await modelPath('mobilenet-style');
  symbolic = await modelPath('symbolic-dims');
  serve = await ServeProcess.start(await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-fields-')), {});
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('request', (request) => {
    const method = /\/api\/(startRun|runSweep)$/.exec(new URL(request.url()).pathname)?.[1];
    if (method && request.method() === 'POST') sent.push({ method, body: request.postDataJSON() as (typeof sent)[number]['body'] });
  });
  await page.goto(serve.url.href);
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

async function openRunForm(file: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Models', exact: true }).click();
  await page.getByLabel('Model file (.onnx)').fill(file);
  await page.getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('heading', { name: path.basename(file) }).waitFor();
  await page.getByRole('button', { name: 'Benchmark this model' }).click();
  await page.getByRole('heading', { level: 1, name: /^Run/ }).waitFor();
}

const providerOrder = () => page.getByRole('list', { name: 'Execution providers, in priority order' }).locator('li .mono').allTextContents();

describe('the Run form has every field of the run request', () => {
  it('records free dimension overrides, tags, the batch dim and a warm-up given as a duration', async () => {
    await openRunForm(model);
    await page.getByLabel('Value of symbolic dim batch').fill('1');
    await page.getByLabel(/^Free dimension overrides/).fill('batch=1');
    await page.getByLabel(/^Tags/).fill('e2e-fields, e2e-second');
    await page.getByLabel(/^Per-sample batch dim/).fill('batch');
    await page.getByLabel(/^Warm-up duration/).fill('0.05');
    await page.getByLabel('Timed iterations').fill('5');
    await page.getByLabel(/^Targets/).fill('');
    await page.getByLabel('Label (optional)').fill('e2e-fields');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { level: 1, name: /^Results.*e2e-fields/ }).waitFor({ timeout: 60_000 });

    const [listed] = await serve.call<RunListItem[]>('runs', { filter: { tag: 'e2e-second' } });
    const record = await serve.call<RunRecord>('run', { id: listed!.id });
    expect(record.state).toBe('completed');
    expect(record.spec.tags).toEqual(['e2e-fields', 'e2e-second']);
    expect(record.spec.session.freeDimensionOverrides).toEqual({ batch: 1 });
    // As `--batch-dim batch`: per-sample figures divide by that dim's value.
    expect(record.spec.scenario.batchDim).toBe('batch');
    // As `--warmup 50ms`: the duration replaces the iteration count.
    expect(record.spec.scenario.warmup).toEqual({ iterations: 0, durationMs: 50 });
  });

  it('sends several execution providers in the order the list is arranged', async () => {
    await openRunForm(model);
    const add = page.getByLabel('Add a provider');
    const other = (await add.locator('option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))).find((v) => v !== '');
    // onnxruntime-node's linux-x64 build has more than cpu (webgpu, cuda, tensorrt); whether they start here does not matter.
    expect(other, 'a second provider in this ONNX Runtime build').toBeDefined();
    await add.selectOption(other!);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    expect(await providerOrder()).toEqual(['cpu', other]);
    await page.getByRole('button', { name: `Move ${other} up` }).click();
    expect(await providerOrder()).toEqual([other, 'cpu']);
    await page.getByLabel('Label (optional)').fill('e2e-providers');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => sent.filter((s) => s.method === 'startRun').at(-1)?.body.spec.label).toBe('e2e-providers');
    expect(sent.filter((s) => s.method === 'startRun').at(-1)?.body.spec.session?.executionProviders).toEqual([other, 'cpu']);
    // Whatever the run made of a provider that may not start here (a failed record, or a refusal), it ends.
    await page.getByRole('heading', { level: 1, name: /^Results/ }).or(page.getByRole('alert')).first().waitFor({ timeout: 60_000 });
    await openRunForm(model);
    expect(await providerOrder()).toEqual([other, 'cpu']);
    await page.getByRole('button', { name: `Remove ${other}` }).click();
    expect(await providerOrder()).toEqual(['cpu']);
  });

  it('sweeps a named batch dim', async () => {
    await openRunForm(model);
    await page.getByLabel('Timed iterations').fill('5');
    await page.getByLabel(/^Batch sizes/).fill('1, 2');
    await page.getByLabel(/^Batch dim/).fill('batch');
    await page.getByRole('button', { name: 'Run the sweep' }).click();
    const result = page.getByRole('region', { name: 'Sweep result' });
    await result.waitFor({ timeout: 120_000 });
    expect(sent.filter((s) => s.method === 'runSweep').at(-1)?.body.axes).toMatchObject({ batch: [1, 2], batchDim: 'batch' });
    const points = await serve.call<RunListItem[]>('runs', { filter: { tag: 'e2e-second' } });
    const swept = await Promise.all(points.map((p) => serve.call<RunRecord>('run', { id: p.id })));
    const batches = swept.filter((r) => r.extras.sweep).map((r) => r.spec.inputs.kind === 'synthetic' ? r.spec.inputs.dims['batch'] : null).sort();
    expect(batches).toEqual([1, 2]);
  });

  it('keeps the form across a reload', async () => {
    await page.reload();
    await openRunForm(model);
    expect(await page.getByLabel(/^Tags/).inputValue()).toBe('e2e-fields, e2e-second');
    expect(await page.getByLabel(/^Free dimension overrides/).inputValue()).toBe('batch=1');
    expect(await page.getByLabel(/^Warm-up duration/).inputValue()).toBe('0.05');
    expect(await page.getByLabel('Value of symbolic dim batch').inputValue()).toBe('1');
    expect(await page.getByRole('note', { name: 'Saved form' }).count()).toBe(0);
    await page.screenshot({ path: path.join(artifacts, 'run-form-restored.png'), fullPage: true });
  });

  it('drops a saved form that does not fit, says so, and starts from the defaults', async () => {
    for (const [saved, why] of [
      ['{"providers": 5', 'not valid JSON'],
      ['{"providers": ["cpu"], "tags": 7}', 'field "tags" holds number'],
      ['{"scenario": "offline"}', 'not one of its choices'],
      ['[1, 2]', 'not a form'],
    ] as const) {
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [FORM_KEY, saved] as const);
      await page.reload();
      await openRunForm(model);
      const notice = page.getByRole('note', { name: 'Saved form' });
      expect(await notice.textContent()).toContain(why);
      expect(await page.getByLabel(/^Tags/).inputValue()).toBe('');
      expect(await providerOrder()).toEqual(['cpu']);
      expect(await page.evaluate((key) => localStorage.getItem(key), FORM_KEY)).not.toBe(saved);
    }
    await page.screenshot({ path: path.join(artifacts, 'run-form-saved-dropped.png'), fullPage: true });
  });

  it('names the form fields a refused run needs, not the CLI flags', async () => {
    await openRunForm(symbolic);
    await page.getByRole('button', { name: 'Start' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('need a value');
    const message = (await alert.textContent()) ?? '';
    expect(message).toContain('Fill in "Value of symbolic dim');
    for (const dim of ['height', 'width']) expect(message).toContain(`"Value of symbolic dim ${dim}"`);
    expect(message).not.toContain('--dim');
  });
});
