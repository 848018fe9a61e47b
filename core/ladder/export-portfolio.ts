import type { Workspace } from '../evidence/workspace.js';
import { evaluateLadder } from './evaluate.js';
import { loadLadderEvidence } from './evidence.js';
import { buildPortfolio } from './portfolio.js';
import { renderPortfolioCharts } from './portfolio-charts.js';
import { renderPortfolioHtml } from './portfolio-html.js';
import { renderPortfolioMarkdown } from './portfolio-markdown.js';
import { loadAssessment } from './self-assessment.js';

export const PORTFOLIO_FORMATS = ['html', 'md'] as const;
export type PortfolioFormat = (typeof PORTFOLIO_FORMATS)[number];

export interface ExportOptions {
  format: PortfolioFormat;
  /** The date printed on the record; today by default. */
  date?: Date;
  /** Latency charts in HTML (default true); they take a moment to draw. */
  charts?: boolean;
}

/** Reads the workspace, judges the ladder, verifies the ledger and renders the evidence record. */
export async function exportPortfolio(workspace: Workspace, options: ExportOptions): Promise<string> {
  const evidence = await loadLadderEvidence(workspace);
  const status = evaluateLadder(evidence, await loadAssessment(workspace.dir));
  const portfolio = buildPortfolio(status, evidence, await workspace.verify(), options.date ?? new Date());
  if (options.format === 'md') return renderPortfolioMarkdown(portfolio);
  const charts = options.charts === false ? {} : await renderPortfolioCharts(status, evidence.runs);
  return renderPortfolioHtml(portfolio, charts);
}
