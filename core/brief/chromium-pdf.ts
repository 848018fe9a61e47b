import { execFile } from 'node:child_process';
import { access, constants, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LabError } from '../api/errors.js';

/** Prints a self-contained HTML page to PDF bytes. The app passes Electron's printToPDF; the CLI and serve use Chromium headless. */
export type HtmlToPdf = (html: string) => Promise<Buffer>;

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

async function executable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(() => true, () => false);
}

/** EDGELAB_CHROMIUM when set (as the end-to-end tests take it), else the first Chromium on PATH. */
export async function findChromium(env: NodeJS.ProcessEnv): Promise<string> {
  const stated = env['EDGELAB_CHROMIUM'];
  if (stated) {
    if (await executable(stated)) return stated;
    throw new LabError('unavailable', `EDGELAB_CHROMIUM names ${stated}, which is not an executable file.`, 'Point it at Chromium (e.g. /usr/bin/chromium), or unset it to search PATH.');
  }
  for (const dir of (env['PATH'] ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of CANDIDATES) if (await executable(path.join(dir, name))) return path.join(dir, name);
  }
  throw new LabError('unavailable', `A PDF brief is printed by Chromium headless, and no ${CANDIDATES.join(', ')} is on PATH.`,
    'Install it (Debian/Ubuntu: sudo apt-get install chromium) or set EDGELAB_CHROMIUM to its path; or write --format html and print that.');
}

/**
 * Chromium headless prints the page from a private temporary folder; the page has no script and
 * its CSP forbids every fetch. --no-sandbox because CI containers run as root, where Chromium's
 * sandbox refuses to start; the page printed is one edgelab wrote.
 */
export function chromiumPdf(env: NodeJS.ProcessEnv): HtmlToPdf {
  return async (html) => {
    const chromium = await findChromium(env);
    const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-brief-'));
    try {
      const page = path.join(dir, 'brief.html');
      const pdf = path.join(dir, 'brief.pdf');
      await writeFile(page, html, 'utf8');
      const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--user-data-dir=${path.join(dir, 'profile')}`, `--print-to-pdf=${pdf}`, pathToFileURL(page).href];
      await new Promise<void>((resolve, reject) => {
        execFile(chromium, args, { timeout: 120_000, env: { ...env, HOME: dir } }, (error, _stdout, stderr) => {
          if (error) reject(new LabError('runtime', `${chromium} could not print the brief to PDF: ${(stderr || error.message).trim().split('\n').slice(-3).join(' ')}`, 'Write --format html and print it from a browser instead.', { cause: error }));
          else resolve();
        });
      });
      const bytes = await readFile(pdf).catch(() => null);
      if (!bytes || bytes.subarray(0, 4).toString('latin1') !== '%PDF') {
        throw new LabError('runtime', `${chromium} exited without writing a PDF.`, 'Write --format html and print it from a browser instead.');
      }
      return bytes;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
