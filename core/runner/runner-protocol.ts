import type { ErrorInfo } from '../api/errors.js';
import type { RunEvent } from '../api/events.js';
import type { ProviderStatus } from '../api/providers.js';
import type { RunRecord } from '../api/run-record.js';
import type { RunSpec } from '../api/run-spec.js';
import type { ValidOutputCheckRequest } from '../api/output-check.js';
import type { ReferencePassFile } from '../evaluate/pass/pass-summary.js';

/**
 * Messages between the parent (which owns the workspace) and the runner process (which measures).
 * Structured-clone friendly on both transports: Node's fork IPC and Electron's utilityProcess port.
 */
export type ToRunner =
  | { type: 'start'; spec: RunSpec }
  | { type: 'cancel' }
  /** `edgelab eval` / `edgelab parity` as the app asks for them: the result comes back as a record. */
  | { type: 'output-check'; request: ValidOutputCheckRequest; reference?: ReferencePassFile }
  /** Probe which execution providers start: it creates sessions, so a hung driver hangs here. */
  | { type: 'probe-providers' }
  /**
   * The parent has the runner's final message (result, refused, providers). Electron's
   * utilityProcess has no delivery callback, so its runner waits for this before it exits: a
   * message posted just before exit could otherwise be lost with the process.
   */
  | { type: 'ack' };

export type FromRunner =
  | { type: 'event'; event: RunEvent }
  /** The measured record, not yet saved; the parent saves it. */
  | { type: 'result'; record: RunRecord; tracePath?: string; artifactPaths?: string[] }
  /** The request was refused before anything was measured (no record to keep). */
  | { type: 'refused'; error: ErrorInfo }
  /** An output check with `saveExpected`: the expected-output files written (no run, no record). */
  | { type: 'expected-saved'; files: string[] }
  | { type: 'providers'; statuses: ProviderStatus[] };

/** The message that ends a runner's work: after it is delivered the runner exits. */
export function isFinalMessage(message: FromRunner): boolean {
  return message.type === 'result' || message.type === 'refused' || message.type === 'providers' || message.type === 'expected-saved';
}
