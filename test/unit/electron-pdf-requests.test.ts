import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { pdfRequestAllowed } from '../../electron/pdf-requests.js';

const report = pathToFileURL('/tmp/edgelab-pdf-Ab12/report.html').href;
const printing = new Set([report]);

test('the printer page loads its own report file and inline data only', () => {
  expect(pdfRequestAllowed(report, printing)).toBe(true);
  expect(pdfRequestAllowed(`${report}#run-3`, printing)).toBe(true);
  expect(pdfRequestAllowed('data:image/svg+xml;base64,PHN2Zz4=', printing)).toBe(true);
});

test('anything else is refused: the network, other files, the lab page', () => {
  for (const url of ['https://example.com/track.png', pathToFileURL('/etc/passwd').href, pathToFileURL('/tmp/edgelab-pdf-Ab12/other.html').href, 'edgelab://lab/', 'http://127.0.0.1:8765/']) {
    expect(pdfRequestAllowed(url, printing), url).toBe(false);
  }
  expect(pdfRequestAllowed(report, new Set())).toBe(false);
});
