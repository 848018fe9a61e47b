import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startServe, stopServe } from './lab-browser.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * Every screen of the app at the two window sizes engineers use most, over a workspace of runs
 * recorded by the real `edgelab` (a profiled run, two runs of one model to compare): each screen's
 * heading and its first answer are in view, nothing runs off the right edge, and a full-page PNG
 * of each is kept under test/artifacts/screenshots/ to be looked at.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = path.join(root, 'test', 'artifacts', 'screenshots');
const SIZES = [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }] as const;

let server: ChildProcess;
let url: URL;
let workspace: string;
let browser: Browser;
let convModel: string;
const ids = { profiled: '', first: '', second: '' };

async function bench(args: string[]): Promise<string> {
  const cli = await runCli(['bench', ...args, '--json'], { env: { EDGELAB_WORKSPACE: workspace }, timeoutMs: 120_000 });
  expect(cli.code, cli.stderr).toBe(0);
  return (JSON.parse(cli.stdout) as { id: string }).id;
}

interface Screen {
  name: string;
  hash: () => string;
  heading: RegExp;
  /** Anything the screen needs done before it shows its answer (open a model). */
  prepare?: (page: Page) => Promise<void>;
  /** The first thing the screen answers with. */
  answer: (page: Page) => Locator;
  /** Charts drawn on the screen, waited for before the picture is taken. */
  charts?: number;
  /** A line the screen shows while it still reads, gone before the picture is taken. */
  reading?: string;
}

const SCREENS: Screen[] = [
  {
    name: 'models', hash: () => '#/models', heading: /^Models/,
    prepare: async (page) => {
      await page.getByLabel('Model file (.onnx)').fill(convModel);
      await page.getByRole('button', { name: 'Inspect' }).click();
    },
    answer: (page) => page.getByRole('heading', { level: 2, name: 'mobilenet-style.onnx' }),
  },
  { name: 'run', hash: () => '#/run', heading: /^Run/, answer: (page) => page.getByRole('button', { name: 'Start' }) },
  { name: 'results', hash: () => `#/results/${ids.profiled}`, heading: /^Results/, answer: (page) => page.locator('.headline .figure-p50 .figure-number'), charts: 2 },
  { name: 'history', hash: () => '#/history', heading: /^History/, answer: (page) => page.locator('table.runs tbody tr').first() },
  { name: 'compare', hash: () => `#/compare/${ids.first},${ids.second},${ids.profiled}`, heading: /^Compare/, answer: (page) => page.locator('.compare-sentence'), charts: 3 },
  { name: 'graph', hash: () => `#/graph/${ids.profiled}`, heading: /^Graph/, answer: (page) => page.getByRole('img', { name: /^Model graph/ }) },
  { name: 'trace', hash: () => `#/trace/${ids.profiled}`, heading: /^Trace/, answer: (page) => page.getByRole('img', { name: /^Timeline of one inference/ }) },
  { name: 'fleet', hash: () => '#/fleet', heading: /^Fleet/, answer: (page) => page.getByRole('table', { name: /Units × model/ }), reading: "Reading the workspace's runs…" },
  { name: 'tradeoff', hash: () => '#/tradeoff', heading: /^Tradeoff/, answer: (page) => page.getByText(/^No accuracy pass yet/), reading: "Reading the workspace's runs and prices…" },
  { name: 'suites', hash: () => '#/suites', heading: /^Suites/, answer: (page) => page.getByRole('button', { name: 'Run the suite' }) },
  { name: 'import', hash: () => '#/import', heading: /^Import/, answer: (page) => page.getByRole('form', { name: 'TensorRT trtexec run' }) },
  { name: 'ladder', hash: () => '#/ladder', heading: /^Ladder/, answer: (page) => page.locator('.gate').first() },
  { name: 'brief', hash: () => '#/brief', heading: /^Brief/, answer: (page) => page.getByLabel('The question the brief answers') },
  { name: 'hardware', hash: () => '#/hardware', heading: /^Hardware/, answer: (page) => page.locator('#machine-heading'), reading: 'Reading this machine…' },
];

beforeAll(async () => {
  await mkdir(shots, { recursive: true });
  const tiny = await modelPath('tiny-classifier');
  convModel = await modelPath('mobilenet-style');
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-screens-'));
  ids.profiled = await bench([convModel, '--dim', 'batch=1', '--warmup', '2', '--iterations', '40', '--profile', '--target', 'p50<=60s', '--label', 'mobilenet-style profiled']);
  ids.first = await bench([tiny, '--warmup', '5', '--iterations', '400', '--threads', '1', '--target', 'p99<=60s', '--label', 'tiny-classifier 1 thread']);
  ids.second = await bench([tiny, '--warmup', '5', '--iterations', '400', '--threads', '2', '--label', 'tiny-classifier 2 threads']);
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe.each(SIZES)('every screen at $width×$height', (size) => {
  let page: Page;
  beforeAll(async () => {
    page = await (await browser.newContext({ viewport: { ...size } })).newPage();
    await page.goto(url.href);
  });

  it.each(SCREENS.map((s) => [s.name, s] as const))('%s: heading and first answer in view, nothing wider than the window', async (name, screen) => {
    // The hash, as a link would set it: the app keeps its state (the model opened on Models) between screens.
    await page.evaluate(`location.hash = ${JSON.stringify(screen.hash())}`);
    const heading = page.getByRole('heading', { level: 1, name: screen.heading });
    await heading.waitFor();
    await screen.prepare?.(page);
    const answer = screen.answer(page);
    await answer.waitFor({ timeout: 30_000 });
    expect(await heading.isVisible()).toBe(true);
    expect(await answer.isVisible()).toBe(true);
    // The answer sits in the first window's height, not below the fold.
    const box = await answer.boundingBox();
    expect(box && box.y < size.height, `${name}: the answer starts at y=${box?.y}`).toBe(true);
    if (screen.reading) await expect.poll(() => page.getByText(screen.reading!).count(), { timeout: 30_000 }).toBe(0);
    if (screen.charts) await expect.poll(() => page.locator('.chart svg').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(screen.charts);
    // Strings: the test project has no DOM types, and these run in the page.
    const widths = (await page.evaluate('({ scroll: document.scrollingElement.scrollWidth, viewport: window.innerWidth, height: document.scrollingElement.scrollHeight })')) as { scroll: number; viewport: number; height: number };
    expect(widths.scroll, `${name} is wider than the window`).toBeLessThanOrEqual(widths.viewport);
    if (name === 'results') {
      // The charts take the row: together they span the content's width, not a fixed 560 px each.
      const charts = await page.locator('.charts .chart').evaluateAll((figures) => figures.map((f) => f.getBoundingClientRect().width));
      const row = await page.locator('.charts').first().evaluate((e) => e.getBoundingClientRect().width);
      expect(charts.reduce((a, b) => a + b, 0)).toBeGreaterThan(row * 0.95);
      console.log(`Results page of the profiled run at ${size.width}×${size.height}: ${widths.height} px tall`);
    }
    // From the top: a page left scrolled draws its sticky header part-way down a full-page picture.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(shots, `${name}-${size.width}x${size.height}.png`), fullPage: true });
  });
});
