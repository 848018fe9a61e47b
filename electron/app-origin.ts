/**
 * The lab page's address and the one test of "is this our page", for IPC senders and navigation
 * alike. Pure (no Electron import), so it is unit-tested without a binary.
 */
export const APP_SCHEME = 'edgelab';
export const APP_HOST = 'lab';
/** The page's origin as Chromium serialises it: registered `standard`, the scheme has a host. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/`;

/**
 * Whether a URL is on the lab's page. Not `new URL(url).origin === APP_ORIGIN`: Node's WHATWG
 * parser knows only the special schemes (http, https, file, ...), so every `edgelab:` URL has the
 * opaque origin "null" there. Scheme and host are parsed alike in both, so those are compared.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Chromium lower-cases a standard scheme's host; Node leaves a non-special scheme's as typed.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.hostname.toLowerCase() === APP_HOST && parsed.port === '' && parsed.username === '' && parsed.password === '';
}

/** What main knows of an IPC sender's frame (WebFrameMain), or null when the frame is gone. */
export interface SenderFrame {
  /** The origin as Chromium serialised it ("null" for opaque origins). */
  origin: string;
  url: string;
  /** false for an iframe. */
  isTopFrame: boolean;
}

/**
 * A call is answered only from the top frame of the lab's page. Chromium's own serialisation of
 * the frame's origin is the authority (a page that navigated away, a data: or blob: frame, has
 * another origin even when its URL looks close); the URL must agree.
 */
export function isTrustedSender(frame: SenderFrame | null): boolean {
  return frame !== null && frame.isTopFrame && frame.origin === APP_ORIGIN && isAppUrl(frame.url);
}
