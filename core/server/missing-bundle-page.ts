/** What `edgelab serve` shows when dist/renderer/ has not been built. */
export function missingBundlePage(rendererDir: string): string {
  const dir = rendererDir.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>edgelab</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>edgelab is running, but its user interface is not built</h1>
<p>The server found no <code>index.html</code> in <code>${dir}</code>.</p>
<p>Run <code>npm run build</code> in the edgelab folder, then reload this page.
The lab's API is available meanwhile; the command line (<code>edgelab bench</code>) works without the interface.</p>
</body></html>
`;
}
