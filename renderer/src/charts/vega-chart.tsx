import { useEffect, useRef, useState, type RefObject } from 'react';
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

/** Widths are followed in steps this size, so a scrollbar coming and going does not redraw the chart back and forth. */
const WIDTH_STEP_PX = 16;

/**
 * The width of the figure the chart sits in, followed as the window changes; null while it has
 * none (a folded section), when the spec's own width is kept.
 */
function useFigureWidth(figure: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const element = figure.current;
    if (!element || typeof ResizeObserver !== 'function') return;
    const follow = () => {
      const w = Math.floor(element.clientWidth / WIDTH_STEP_PX) * WIDTH_STEP_PX;
      setWidth(w > 0 ? w : null);
    };
    const observer = new ResizeObserver(follow);
    observer.observe(element);
    follow();
    return () => observer.disconnect();
  }, [figure]);
  return width;
}

/**
 * The report's spec drawn at the figure's width: the same marks and height, the width the window
 * gives it (axes and legend included), so a chart in the app uses the screen it has. The reports
 * keep their fixed size (core/charts/chart-size.ts).
 */
function atWidth(spec: TopLevelSpec, widthPx: number | null): TopLevelSpec {
  if (widthPx === null) return spec;
  // The host's padding (6 px a side) is inside the figure.
  return { ...spec, width: widthPx - 12, autosize: { type: 'fit-x', contains: 'padding' } } as TopLevelSpec;
}

export function VegaChart({ spec, label }: { spec: TopLevelSpec; label: string }) {
  const figure = useRef<HTMLElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const dark = useDarkScheme();
  const width = useFigureWidth(figure);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let view: View | null = null;
    try {
      const runtime = parse(compile(atWidth(spec, width), dark ? { config: DARK } : {}).spec, undefined, { ast: true });
      view = new View(runtime, { expr: expressionInterpreter, renderer: 'svg', container: element, hover: true });
      view.runAsync().catch((e: unknown) => setFailure(String(e)));
    } catch (e) {
      setFailure(String(e));
    }
    return () => {
      view?.finalize();
    };
  }, [spec, dark, width]);

  return (
    // The label sits on the figure: Vega writes the spec's description over its container's aria-label.
    <figure className="chart" ref={figure}>
      <div role="img" aria-label={label}><div ref={host} /></div>
      {failure ? <figcaption className="error-message">Chart could not be drawn: {failure}</figcaption> : null}
    </figure>
  );
}
