import type { DesktopLab } from './desktop-lab.js';
import { HttpLabClient } from './http-lab-client.js';

/**
 * The LabApi this page talks to: the preload's `window.lab` inside Electron, otherwise the
 * `edgelab serve` that served the page, over HTTP with the token from the URL it printed.
 */
export function chooseLabClient(): DesktopLab {
  if (window.lab) return window.lab;
  return new HttpLabClient();
}
