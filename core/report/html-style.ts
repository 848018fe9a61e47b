/** The HTML report's whole stylesheet: system fonts only, readable printed and in dark mode. */
export const REPORT_STYLE = `:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #fff; --warn: #9a6700; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --bg: #0d1117; --warn: #d29922; } }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); max-width: 960px; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: 0.2em; margin-top: 2em; }
.meta, .note, figcaption { color: var(--muted); }
.state { font-size: 0.6em; font-weight: normal; border: 1px solid var(--line); border-radius: 1em; padding: 0.1em 0.6em; vertical-align: middle; }
.state-failed .state, .state-cancelled .state { color: #cf222e; border-color: #cf222e; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid var(--line); padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: color-mix(in srgb, var(--line) 35%, transparent); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
figure { margin: 1em 0; }
figure svg { max-width: 100%; height: auto; background: #fff; border-radius: 4px; }
.warnings li { margin-bottom: 0.5em; }
.advice { color: var(--warn); }
details { margin: 1em 0; }
summary { cursor: pointer; color: var(--muted); }
`;

/**
 * Added to the run report's stylesheet only (the ladder's evidence export shares REPORT_STYLE and
 * has golden files of its own): numbers never wrap inside a cell, so a share or % of roof in the
 * wide profile tables stays on one line.
 */
export const RUN_REPORT_STYLE = `td.num, th.num { white-space: nowrap; }
.extra ul.findings li { margin-bottom: 0.4em; }
`;
