import type { DesktopLabApi, LabApi } from '../../../core/api/lab-api.js';

/**
 * The API the screens hold: LabApi, plus what the desktop preload adds when it is there. Each extra
 * is optional so the UI asks for the feature, not for "am I in Electron", and a browser lacks them.
 */
export type DesktopLab = LabApi &
  Partial<Pick<DesktopLabApi, 'openModelDialog' | 'pathForFile'>> & {
    /** Prints the report of these runs to PDF and asks where to save it; null when cancelled. */
    exportPdf?: (ids: string[]) => Promise<string | null>;
  };

declare global {
  interface Window {
    lab?: DesktopLab;
  }
}
