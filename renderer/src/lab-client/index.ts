import type { DesktopLab } from './desktop-lab.js';
import { HttpLabClient } from './http-lab-client.js';

/**
 * The LabApi this page talks to: the preload's `window.lab` inside Electron, otherwise the
 * `edgelab serve` that served the page. The server keeps its token in a cookie and strips it from
 * the address; a `?token=` still in the address means the page came from Vite's dev server, which
 * proxies /api to the lab (see vite.config.ts) but cannot hold the cookie, so the client sends it.
 */
export function chooseLabClient(): DesktopLab {
  if (window.lab) return window.lab;
  const token = new URLSearchParams(window.location.search).get('token');
  return new HttpLabClient(token ? { token } : {});
}
