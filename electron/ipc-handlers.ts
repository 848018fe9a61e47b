import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { LabError, toErrorInfo } from '../core/api/errors.js';
import { callLab } from '../core/lab/lab-dispatch.js';
import type { LabService } from '../core/lab/lab-service.js';
import { IpcChannel, type IpcResult } from './ipc-channels.js';
import { isTrustedSender } from './app-origin.js';
import { exportPdf } from './export-pdf.js';

/**
 * Main's side of the bridge. Like VS Code's ValidatedIpcMain: a call is answered only when it
 * comes from the top frame of our own page (not an iframe, not a page navigated elsewhere), and its
 * arguments pass the same zod schemas the HTTP server uses (callLab).
 */
export function registerIpcHandlers(lab: LabService, windowOf: () => BrowserWindow | null): void {
  ipcMain.handle(IpcChannel.call, async (event, method: unknown, args: unknown): Promise<IpcResult> => {
    try {
      assertTrustedSender(event);
      return { value: await callLab(lab, String(method), args) };
    } catch (e) {
      return { error: toErrorInfo(e) };
    }
  });

  // Answers as data, like a call: a refusal thrown from a handler reaches the page as a bare
  // "Error invoking remote method", without the reason.
  ipcMain.handle(IpcChannel.openModelDialog, async (event): Promise<IpcResult> => {
    try {
      assertTrustedSender(event);
      const win = windowOf();
      const options = { title: 'Open an ONNX model', properties: ['openFile' as const], filters: [{ name: 'ONNX models', extensions: ['onnx'] }, { name: 'All files', extensions: ['*'] }] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return { value: result.canceled ? null : (result.filePaths[0] ?? null) };
    } catch (e) {
      return { error: toErrorInfo(e) };
    }
  });

  ipcMain.handle(IpcChannel.exportPdf, async (event, args: unknown): Promise<IpcResult> => {
    try {
      assertTrustedSender(event);
      return { value: await exportPdf(lab, windowOf(), args) };
    } catch (e) {
      return { error: toErrorInfo(e) };
    }
  });

  lab.onEvent((event) => {
    const win = windowOf();
    if (win && !win.isDestroyed()) win.webContents.send(IpcChannel.event, event);
  });
}

function assertTrustedSender(event: IpcMainInvokeEvent): void {
  const frame = event.senderFrame;
  const trusted = isTrustedSender(frame ? { origin: frame.origin, url: frame.url, isTopFrame: frame.parent === null } : null);
  if (!trusted) throw new LabError('unavailable', `A call from ${frame?.url || 'a closed frame'} was refused: only the edgelab page may call the lab.`, 'Reload the lab window (View → Reload).');
}
