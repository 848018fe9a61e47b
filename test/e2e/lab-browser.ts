import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** What every browser test starts: a real `edgelab serve` and Debian's Chromium driving it. */
const root = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.EDGELAB_CHROMIUM ?? '/usr/bin/chromium';

/** Starts `edgelab serve` on a free port and resolves with the URL it prints (token included). */
export function startServe(workspaceDir: string): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'edgelab.js'), 'serve', '--port', '0', '--workspace', workspaceDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve({ child, url: new URL(match[1]) });
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`edgelab serve exited with ${code}: ${err || out}`)));
  });
}

/** Stops a server started by startServe (SIGINT, as Ctrl-C) and waits for it to exit. */
export async function stopServe(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

/** Headless Debian Chromium, with nothing of its own going to the network. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set EDGELAB_CHROMIUM).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Opens a folded section of detail (Results, Compare) by its heading, as a reader clicks it; an open one stays open. */
export async function unfold(page: Page, heading: string | RegExp): Promise<void> {
  const details = page.locator('section.fold > details', { has: page.getByRole('heading', { level: 2, name: heading }) }).first();
  if ((await details.getAttribute('open')) === null) await details.locator('> summary').click();
  await details.locator('> .fold-body').waitFor();
}
