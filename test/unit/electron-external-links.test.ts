import { expect, test } from 'vitest';
import { externalBrowserUrl } from '../../electron/external-links.js';

test('http and https links go to the system browser, a local MLflow UI included', () => {
  expect(externalBrowserUrl('http://127.0.0.1:5000/#/experiments/1/runs/abc')).toBe('http://127.0.0.1:5000/#/experiments/1/runs/abc');
  expect(externalBrowserUrl('http://localhost:5000')).toBe('http://localhost:5000/');
  expect(externalBrowserUrl('https://ui.perfetto.dev')).toBe('https://ui.perfetto.dev/');
});

test('no other scheme, no credentials in the host part, nothing that does not parse', () => {
  for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'vscode://file/x', 'edgelab://app/index.html', 'http://user:pw@example.com/', 'https://evil@example.com', 'not a url', '']) {
    expect(externalBrowserUrl(url), url).toBeNull();
  }
});
