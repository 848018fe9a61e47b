import type { LabApi } from '../api/lab-api.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import type { Workspace } from '../evidence/index.js';
import { chromiumPdf, type HtmlToPdf } from '../brief/chromium-pdf.js';
import { buildBriefView } from '../brief/brief-view.js';
import { listPrices, statePrice } from '../brief/prices.js';
import { listBriefs, signOffBrief } from '../brief/sign-off.js';
import { writeBrief } from '../brief/write-brief.js';

export type BriefCalls = Pick<LabApi, 'statePrice' | 'prices' | 'previewBrief' | 'writeBrief' | 'signOffBrief' | 'briefs'>;

/**
 * Hardware prices and the stakeholder brief as LabApi answers them (core/brief). The PDF printer
 * is the host's: Electron's printToPDF in the app, Chromium headless for the CLI and serve.
 */
export function briefCalls(workspace: Workspace, options: { env: NodeJS.ProcessEnv; printPdf?: HtmlToPdf }): BriefCalls {
  const printPdf = options.printPdf ?? chromiumPdf(options.env);
  return {
    statePrice: (request) => statePrice(workspace, LabRequestSchemas.statePrice.parse({ request }).request),
    prices: () => listPrices(workspace),
    previewBrief: async (request) => (await buildBriefView(workspace, LabRequestSchemas.previewBrief.parse({ request }).request)).view,
    writeBrief: (request) => writeBrief(workspace, LabRequestSchemas.writeBrief.parse({ request }).request, printPdf),
    signOffBrief: (request) => signOffBrief(workspace, LabRequestSchemas.signOffBrief.parse({ request }).request),
    briefs: () => listBriefs(workspace),
  };
}
