/**
 * What the PDF printer's page may load: its own report file and nothing else. The HTML report
 * inlines its styles and SVG charts, so any other request (a link's prefetch, a stray URL in a
 * model's metadata) is refused. data: stays allowed for inline images.
 */
export function pdfRequestAllowed(url: string, reportUrls: ReadonlySet<string>): boolean {
  if (url.startsWith('data:')) return true;
  return reportUrls.has(url.split('#')[0]!);
}
