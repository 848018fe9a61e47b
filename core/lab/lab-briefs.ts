import type { LabApi } from '../api/lab-api.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import type { Workspace } from '../evidence/index.js';
import type { HtmlToPdf } from '../brief/chromium-pdf.js';

export type BriefCalls = Pick<LabApi, 'statePrice' | 'prices' | 'previewBrief' | 'writeBrief' | 'signOffBrief' | 'briefs'>;

/**
 * Hardware prices and the stakeholder brief as LabApi answers them (core/brief). The PDF printer
 * is the host's: Electron's printToPDF in the app, Chromium headless for the CLI and serve.
 * Each call loads its module when it runs, so a lab opened to list runs never loads Vega (the
 * brief's chart) or the PDF printer.
 */
export function briefCalls(workspace: Workspace, options: { env: NodeJS.ProcessEnv; printPdf?: HtmlToPdf }): BriefCalls {
  const printPdf = async (): Promise<HtmlToPdf> => options.printPdf ?? (await import('../brief/chromium-pdf.js')).chromiumPdf(options.env);
  return {
    statePrice: async (request) => (await import('../brief/prices.js')).statePrice(workspace, LabRequestSchemas.statePrice.parse({ request }).request),
    prices: async () => (await import('../brief/prices.js')).listPrices(workspace),
    previewBrief: async (request) => (await (await import('../brief/brief-view.js')).buildBriefView(workspace, LabRequestSchemas.previewBrief.parse({ request }).request)).view,
    writeBrief: async (request) => (await import('../brief/write-brief.js')).writeBrief(workspace, LabRequestSchemas.writeBrief.parse({ request }).request, await printPdf()),
    signOffBrief: async (request) => (await import('../brief/sign-off.js')).signOffBrief(workspace, LabRequestSchemas.signOffBrief.parse({ request }).request),
    briefs: async () => (await import('../brief/sign-off.js')).listBriefs(workspace),
  };
}
