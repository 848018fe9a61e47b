/**
 * Charts are drawn at a fixed size so that an SVG rendered today is byte-identical to one rendered
 * tomorrow: reports are diffed and golden-tested, and a width taken from a window would break both.
 */
export interface ChartSize {
  widthPx: number;
  heightPx: number;
}

export const REPORT_CHART_SIZE: ChartSize = { widthPx: 560, heightPx: 200 };
