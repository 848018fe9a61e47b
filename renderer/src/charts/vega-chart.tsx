import { useEffect, useRef, useState } from 'react';
import { expressionInterpreter } from 'vega-interpreter';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a core/charts Vega-Lite spec, the same one the HTML report embeds, so app and report show
 * one picture. Vega's default expression compiler calls `Function()`; the AST mode with
 * vega-interpreter evaluates expressions without it, so the page's CSP needs no 'unsafe-eval'.
 */
export function VegaChart({ spec, label }: { spec: TopLevelSpec; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let view: View | null = null;
    try {
      const runtime = parse(compile(spec).spec, undefined, { ast: true });
      view = new View(runtime, { expr: expressionInterpreter, renderer: 'svg', container: element, hover: true });
      view.runAsync().catch((e: unknown) => setFailure(String(e)));
    } catch (e) {
      setFailure(String(e));
    }
    return () => {
      view?.finalize();
    };
  }, [spec]);

  return (
    // The label sits on the figure: Vega writes the spec's description over its container's aria-label.
    <figure className="chart">
      <div role="img" aria-label={label}><div ref={host} /></div>
      {failure ? <figcaption className="error-message">Chart could not be drawn: {failure}</figcaption> : null}
    </figure>
  );
}
