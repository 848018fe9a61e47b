import type { TopLevelSpec } from 'vega-lite';
import type { PrCurve } from '../../api/accuracy-images.js';
import { REPORT_CHART_SIZE, type ChartSize } from './chart-size.js';

/**
 * Per-class precision–recall curves of a detection pass, as COCOeval's precision array holds them
 * (precision at the 101 recall points, made monotone from the right): solid at IoU 0.5, dashed the
 * mean over 0.50:0.95. The area under each is the class's AP50 or AP. Pure data in, a spec out.
 */
export function prCurvesSpec(curves: readonly PrCurve[], size: ChartSize = { ...REPORT_CHART_SIZE, heightPx: 280 }): TopLevelSpec {
  const values = curves.flatMap((c) =>
    (['iou50', 'iou50to95'] as const).flatMap((key) =>
      (c[key] ?? []).map((precision, r) => ({ class: c.name, iou: key === 'iou50' ? 'IoU 0.5' : 'IoU 0.50:0.95', recall: r / 100, precision })),
    ),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Precision-recall curves of ${curves.length} classes`,
    width: size.widthPx,
    height: size.heightPx,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'recall', type: 'quantitative', title: 'recall', scale: { domain: [0, 1] } },
      y: { field: 'precision', type: 'quantitative', title: 'precision', scale: { domain: [0, 1] } },
      color: { field: 'class', type: 'nominal', title: 'class' },
      strokeDash: { field: 'iou', type: 'nominal', title: 'matched at' },
    },
  };
}
