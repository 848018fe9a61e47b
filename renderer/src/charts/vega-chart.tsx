import { useEffect, useRef, useState } from 'react';
import { expressionInterpreter } from 'vega-interpreter';
import { parse, View } from 'vega';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a core/present/charts Vega-Lite spec, the same one the HTML report embeds, so app and report show
 * one picture. Vega's default expression compiler calls `Function()`; the AST mode with
 * vega-interpreter evaluates expressions without it, so the page's CSP needs no 'unsafe-eval'.
 */
/**
 * Axis, legend and title colours for the dark scheme; the marks keep the report's colours, which
 * read on both. The same spec, so a dark chart in the app is still the report's chart.
 */
const DARK: Config = {
  background: '#1f2328',
  view: { stroke: '#353b42' },
  axis: { domainColor: '#5b6470', gridColor: '#353b42', tickColor: '#5b6470', labelColor: '#9aa4af', titleColor: '#e3e6ea' },
  legend: { labelColor: '#9aa4af', titleColor: '#e3e6ea' },
  title: { color: '#e3e6ea', subtitleColor: '#9aa4af' },
  text: { color: '#e3e6ea' },
};

/** Whether the system asks for dark, followed as it changes. */
function useDarkScheme(): boolean {
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const follow = () => setDark(query.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [query?.media]); // eslint-disable-line react-hooks/exhaustive-deps
  return dark;
}

export function VegaChart({ spec, label }: { spec: TopLevelSpec; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const dark = useDarkScheme();

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let view: View | null = null;
    try {
      const runtime = parse(compile(spec, dark ? { config: DARK } : {}).spec, undefined, { ast: true });
      view = new View(runtime, { expr: expressionInterpreter, renderer: 'svg', container: element, hover: true });
      view.runAsync().catch((e: unknown) => setFailure(String(e)));
    } catch (e) {
      setFailure(String(e));
    }
    return () => {
      view?.finalize();
    };
  }, [spec, dark]);

  return (
    // The label sits on the figure: Vega writes the spec's description over its container's aria-label.
    <figure className="chart">
      <div role="img" aria-label={label}><div ref={host} /></div>
      {failure ? <figcaption className="error-message">Chart could not be drawn: {failure}</figcaption> : null}
    </figure>
  );
}
