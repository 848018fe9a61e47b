import { BrowserWindow, dialog } from 'electron';
import type { LabService } from '../core/lab/lab-service.js';
import { ExportPdfRequestSchema } from '../core/api/lab-requests.js';
import { checkOutputPath, writeOutput } from '../core/output/output-file.js';

/**
 * PDF export: the self-contained HTML report, loaded into a hidden window that has no preload, no
 * scripts and no network, then printed by Chromium. The same bytes a browser would show, on paper.
 */
export async function exportPdf(lab: LabService, parent: BrowserWindow | null, args: unknown): Promise<string | null> {
  const { ids } = ExportPdfRequestSchema.parse(args);
  const report = await lab.exportReport(ids, 'html');
  const defaultPath = report.fileName.replace(/\.html?$/i, '') + '.pdf';
  const options = { title: 'Save the report as PDF', defaultPath, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
  const target = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (target.canceled || !target.filePath) return null;

  const page = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
  });
  try {
    // Nothing may load from elsewhere: the report inlines its CSS and SVG charts.
    page.webContents.session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
    await page.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(report.content)}`);
    const pdf = await page.webContents.printToPDF({ printBackground: true, pageSize: 'A4', margins: { top: 0.4, bottom: 0.4, left: 0.4, right: 0.4 } });
    // The same writer as every --out: never the workspace's evidence, never a FIFO or a device.
    const protect = { workspace: lab.workspace.dir, env: process.env };
    await checkOutputPath('PDF export to', target.filePath, protect);
    await writeOutput('PDF export to', target.filePath, pdf, '', protect);
    return target.filePath;
  } finally {
    page.destroy();
  }
}
