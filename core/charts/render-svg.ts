import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to an SVG string on Node. Renderer 'none' plus `toSVG()` builds the
 * scenegraph headless, so no canvas package is needed; text widths are estimated, which also keeps
 * the output identical from machine to machine. Vega compiles expressions with `Function()` here;
 * that is fine in Node, only a browser page under a CSP without 'unsafe-eval' needs the AST mode.
 */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const { spec: vegaSpec } = compile(spec);
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
