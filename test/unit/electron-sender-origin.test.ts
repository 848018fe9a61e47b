import { describe, expect, test } from 'vitest';
import { APP_ORIGIN, APP_URL, isAppUrl, isTrustedSender } from '../../electron/app-origin.js';

describe('the lab page, as IPC and navigation see it', () => {
  test("Node's URL gives a custom scheme an opaque origin: the comparison that refused every call", () => {
    // WHATWG URL: only special schemes have a tuple origin. Chromium, where the scheme is
    // registered standard, serialises the same page's origin as "edgelab://lab".
    expect(new URL(APP_URL).origin).toBe('null');
    expect(new URL(APP_URL).origin).not.toBe(APP_ORIGIN);
  });

  test('every path of the lab page is the lab page', () => {
    expect(isAppUrl('edgelab://lab/')).toBe(true);
    expect(isAppUrl('edgelab://lab/runs/abc?x=1#top')).toBe(true);
    expect(isAppUrl('EDGELAB://LAB/assets/index.js')).toBe(true);
  });

  test('other hosts, schemes, ports and credentials are not', () => {
    for (const url of ['edgelab://evil/', 'edgelab://lab.evil/', 'edgelab://lab:8080/', 'edgelab://user@lab/', 'https://lab/', 'file:///lab/index.html', 'data:text/html,<p>lab', 'about:blank', 'edgelab:lab', 'not a url', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  test('a call is trusted from the top frame of the lab page only', () => {
    expect(isTrustedSender({ origin: 'edgelab://lab', url: 'edgelab://lab/', isTopFrame: true })).toBe(true);
    // An iframe of the page, even of the same origin.
    expect(isTrustedSender({ origin: 'edgelab://lab', url: 'edgelab://lab/', isTopFrame: false })).toBe(false);
    // Chromium's "null" for an opaque origin (a data: or sandboxed frame) never matches.
    expect(isTrustedSender({ origin: 'null', url: 'edgelab://lab/', isTopFrame: true })).toBe(false);
    // A page that navigated elsewhere.
    expect(isTrustedSender({ origin: 'https://example.com', url: 'https://example.com/', isTopFrame: true })).toBe(false);
    // Origin and URL must agree (about:blank inherits its opener's origin).
    expect(isTrustedSender({ origin: 'edgelab://lab', url: 'about:blank', isTopFrame: true })).toBe(false);
    // A frame destroyed before the call arrived.
    expect(isTrustedSender(null)).toBe(false);
  });
});
