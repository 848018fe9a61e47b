import type { LabApi } from '../../../core/api/lab-api.js';

/**
 * What the Electron preload adds to LabApi: native dialogs and files. Each is optional so the UI
 * asks for the feature, not for "am I in Electron", and a browser simply lacks them.
 */
export interface DesktopLab extends LabApi {
  /** A native open dialog filtered to .onnx; null when the user cancels. */
  openModelDialog?: () => Promise<string | null>;
  /** The file-system path of a dropped File (Electron's webUtils.getPathForFile). */
  pathForFile?: (file: File) => string;
  /** Renders the report of these runs to PDF and asks where to save it; null when cancelled. */
  exportPdf?: (ids: string[]) => Promise<string | null>;
}

declare global {
  interface Window {
    lab?: DesktopLab;
  }
}
