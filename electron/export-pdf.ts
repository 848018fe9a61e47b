import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, dialog, session, type Session } from 'electron';
import type { LabService } from '../core/lab/lab-service.js';
import { ExportPdfRequestSchema } from '../core/api/lab-requests.js';
import { pdfRequestAllowed } from './pdf-requests.js';
import { checkOutputPath, writeOutput } from '../core/output/output-file.js';

/** In memory (no "persist:"): nothing of the printer's page outlives the app. */
const PDF_PARTITION = 'edgelab-pdf-export';
/** The report files being printed now; several exports may run at once. */
const reportUrls = new Set<string>();
let filterInstalled = false;

/**
 * The printer's own session, so its request filter never applies to the lab window (whose
 * session is the default one) and the lab's storage never reaches the printer's page.
 */
function printerSession(): Session {
  const printer = session.fromPartition(PDF_PARTITION);
  if (!filterInstalled) {
    printer.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !pdfRequestAllowed(details.url, reportUrls) }));
    printer.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    filterInstalled = true;
  }
  return printer;
}

/**
 * A self-contained HTML page (a report, a brief), written to a temporary file and loaded from
 * there into a hidden window with no preload, no scripts and no network, then printed by Chromium.
 * Not a data: URL: Chromium caps URLs at 2 MB, and a report of thirty runs with their charts is larger.
 */
export async function printHtmlToPdf(html: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-pdf-'));
  const htmlFile = path.join(dir, 'report.html');
  const reportUrl = pathToFileURL(htmlFile).href;
  let page: BrowserWindow | undefined;
  try {
    await writeFile(htmlFile, html, 'utf8');
    reportUrls.add(reportUrl);
    page = new BrowserWindow({
      show: false,
      webPreferences: { session: printerSession(), sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
    });
    await page.loadFile(htmlFile);
    return await page.webContents.printToPDF({ printBackground: true, pageSize: 'A4', margins: { top: 0.4, bottom: 0.4, left: 0.4, right: 0.4 } });
  } finally {
    reportUrls.delete(reportUrl);
    page?.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** PDF export: the self-contained HTML report, printed as above to a file the user chooses. */
export async function exportPdf(lab: LabService, parent: BrowserWindow | null, args: unknown): Promise<string | null> {
  const { ids } = ExportPdfRequestSchema.parse(args);
  const report = await lab.exportReport(ids, 'html');
  const defaultPath = report.fileName.replace(/\.html?$/i, '') + '.pdf';
  const options = { title: 'Save the report as PDF', defaultPath, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
  const target = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (target.canceled || !target.filePath) return null;

  const pdf = await printHtmlToPdf(report.content);
  // The same writer as every --out: never the workspace's evidence, never a FIFO or a device.
  const protect = { workspace: lab.workspace.dir, env: process.env };
  await checkOutputPath('PDF export to', target.filePath, protect);
  await writeOutput('PDF export to', target.filePath, pdf, '', protect);
  return target.filePath;
}
