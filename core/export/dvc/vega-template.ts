/** The name dvc.yaml gives the CDF plot's template; DVC finds `<name>.json` in .dvc/plots/. */
export const CDF_TEMPLATE_NAME = 'edgelab-latency-cdf';

/**
 * A DVC plot template (Vega-Lite v5 with DVC's `<DVC_METRIC_…>` anchors, as in DVC's own `simple`
 * template) for a latency CDF: a step line, since an empirical CDF is a step function, and the
 * fraction axis as a percentage so p50 and p99 read off it directly. Colour and dash are DVC's
 * anchors, so runs and git revisions overlay the way they do in DVC's built-in plots.
 */
export const latencyCdfTemplate = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  data: { values: '<DVC_METRIC_DATA>' },
  title: { text: '<DVC_METRIC_TITLE>', anchor: 'middle' },
  params: ['<DVC_METRIC_ZOOM_AND_PAN>'],
  width: '<DVC_METRIC_PLOT_WIDTH>',
  height: '<DVC_METRIC_PLOT_HEIGHT>',
  mark: { type: 'line', interpolate: 'step-after', tooltip: { content: 'data' } },
  encoding: {
    x: { field: '<DVC_METRIC_X>', type: 'quantitative', title: '<DVC_METRIC_X_LABEL>', scale: { zero: false } },
    y: { field: '<DVC_METRIC_Y>', type: 'quantitative', title: '<DVC_METRIC_Y_LABEL>', scale: { domain: [0, 1] }, axis: { format: '%' } },
    color: '<DVC_METRIC_COLOR>',
    strokeDash: '<DVC_METRIC_STROKE_DASH>',
    tooltip: '<DVC_METRIC_TOOLTIP>',
  },
} as const;

export function latencyCdfTemplateText(): string {
  return `${JSON.stringify(latencyCdfTemplate, null, 2)}\n`;
}
