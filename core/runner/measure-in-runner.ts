import { isLabError, toErrorInfo } from '../api/errors.js';
import { recordRun } from '../measure/record-run.js';
import type { RunRecord } from '../api/run-record.js';
import type { LabelledPassRequest } from '../evaluate/pass/run-labelled-pass.js';
import type { FromRunner, ToRunner } from './runner-protocol.js';

export interface RunnerPort {
  /** Resolves once the message is handed to the channel, so the process may exit after it. */
  send(message: FromRunner): Promise<void>;
  onMessage(listener: (message: ToRunner) => void): void;
}

/**
 * The runner's side of the protocol, over whatever port carries it: measure the spec without a
 * workspace (the parent saves), stream events, honour a cancel. A LabError thrown before measuring
 * is a refusal, not a run; anything else that escapes recordRun is reported as a failed result by
 * the parent when this process ends without one.
 */
export function serveRunner(port: RunnerPort, done: () => void, crashed?: (error: unknown) => void): void {
  const controller = new AbortController();
  let started = false;
  port.onMessage((message) => {
    if (message.type === 'cancel') {
      controller.abort();
      return;
    }
    if (started || message.type === 'ack') return;
    started = true;
    if (message.type === 'probe-providers') {
      // Loaded on use: a runner that only measures through trtexec must start where ONNX Runtime cannot load.
      void import('../runtime/providers.js')
        .then(({ probeProviders }) => probeProviders())
        .then((statuses) => port.send({ type: 'providers', statuses }))
        .then(done);
      return;
    }
    if (message.type === 'output-check' && message.request.kind === 'expected-outputs' && message.request.saveExpected) {
      const request = message.request;
      // Loaded on use, as the output check is: a trtexec runner must start where ONNX Runtime cannot load.
      void import('../evaluate/run-output-check.js')
        .then(({ saveExpectedFromRequest }) => saveExpectedFromRequest(request))
        .then(
          (files) => port.send({ type: 'expected-saved', files }),
          (e: unknown) => (isLabError(e) ? port.send({ type: 'refused', error: toErrorInfo(e) }) : crashed ? crashed(e) : Promise.reject(e)),
        )
        .then(done);
      return;
    }
    const measuring = message.type === 'output-check'
      ? message.request.kind === 'labelled' && message.request.engine?.kind === 'trtexec'
        ? import('./labelled-pass-on-trtexec.js').then(({ labelledPassOnTrtexec }) => labelledPassOnTrtexec(message.request as LabelledPassRequest, message.reference, controller.signal))
        : import('../evaluate/run-output-check.js').then(({ runOutputCheck }) => runOutputCheck(message.request, message.reference))
      : recordRun(message.spec, { signal: controller.signal, onEvent: (event) => void port.send({ type: 'event', event }) });
    measuring
      .then(
        (run: { record: RunRecord; tracePath?: string; artifactPaths?: string[] }) => port.send({ type: 'result', record: run.record, ...(run.tracePath ? { tracePath: run.tracePath } : {}), ...(run.artifactPaths ? { artifactPaths: run.artifactPaths } : {}) }),
        (e: unknown) => {
          if (isLabError(e)) return port.send({ type: 'refused', error: toErrorInfo(e) });
          // In a runner process an escaping error ends the process, which the parent records as a
          // crash; a runner in the parent's own process hands it over instead (in-process-runner.ts).
          if (crashed) return crashed(e);
          throw e;
        },
      )
      .then(done);
  });
}
