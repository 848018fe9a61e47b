import { useCallback, useState, type FormEvent } from 'react';
import type { VerifyAnswer, VerifyRequest } from '../../../core/api/evidence-verify.js';
import { verifyFailure } from '../../../core/present/verify-failure.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';
import { ErrorNotice } from './error-notice.js';
import { SignHeadForm } from './sign-head-form.js';

const HEX_HEAD = '[0-9a-fA-F]{64}';
const ACCEPT_UNRECORDED = '“Accept records a crash left unrecorded”';

/**
 * `edgelab runs verify` on this face: every record against the ledger, and optionally a head pinned
 * earlier (from a report, an export or a review), a head this machine should now accept, an
 * allowed-signers file for the signed head, and the records a crash on this machine left out of the
 * ledger. The answer reads as the CLI prints it: the workspace, one line per finding, the head.
 */
export function VerifyPanel({ onAccepted }: { onAccepted: () => void }) {
  const lab = useLab();
  const [pinnedHead, setPinnedHead] = useState('');
  const [acceptHead, setAcceptHead] = useState('');
  const [allowedSigners, setAllowedSigners] = useState('');
  const [acceptUnrecorded, setAcceptUnrecorded] = useState(false);
  // The head accepted by the call shown, not whatever the field holds since.
  const [acceptedHead, setAcceptedHead] = useState('');
  const verify = useCall(useCallback((request: VerifyRequest) => lab.verify(request), [lab]));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const request: VerifyRequest = {
      ...(pinnedHead.trim() ? { pinnedHead: pinnedHead.trim() } : {}),
      ...(acceptHead.trim() ? { acceptHead: acceptHead.trim() } : {}),
      ...(allowedSigners.trim() ? { allowedSigners: allowedSigners.trim() } : {}),
      ...(acceptUnrecorded ? { acceptUnrecorded: true } : {}),
    };
    setAcceptedHead(request.acceptHead ?? '');
    const answer = await verify.run(request);
    if (answer && answer.accepted.length > 0) onAccepted();
  };

  return (
    <section aria-labelledby="verify-heading" className="verify">
      <h2 id="verify-heading">Verify evidence</h2>
      <form aria-label="Verify evidence" onSubmit={(e) => void submit(e)}>
        <div className="row">
          <label htmlFor="verify-pinned-head">Pinned head</label>
          <input id="verify-pinned-head" className="wide" type="text" pattern={HEX_HEAD} title="the 64-hex-digit ledger head a report, an export or verify printed" placeholder="64 hex digits from a report or an earlier verify"
            data-request-field="verify.request.pinnedHead" value={pinnedHead} onChange={(e) => setPinnedHead(e.target.value)} />
        </div>
        <div className="row">
          <label htmlFor="verify-accept-head">Accept this head as this machine's</label>
          <input id="verify-accept-head" className="wide" type="text" pattern={HEX_HEAD} title="the ledger's current head, as verify names it, after a checkout or rebase you meant"
            data-request-field="verify.request.acceptHead" value={acceptHead} onChange={(e) => setAcceptHead(e.target.value)} />
        </div>
        <div className="row">
          <label htmlFor="verify-allowed-signers">Allowed signers file</label>
          <input id="verify-allowed-signers" className="wide" type="text" placeholder="/path/to/allowed_signers"
            data-request-field="verify.request.allowedSigners" value={allowedSigners} onChange={(e) => setAllowedSigners(e.target.value)} />
        </div>
        <div className="row">
          <input id="verify-accept-unrecorded" type="checkbox" data-request-field="verify.request.acceptUnrecorded" checked={acceptUnrecorded} onChange={(e) => setAcceptUnrecorded(e.target.checked)} />
          <label htmlFor="verify-accept-unrecorded">Accept records a crash left unrecorded</label>
          <button type="submit" disabled={verify.busy}>{verify.busy ? 'Verifying…' : 'Verify'}</button>
        </div>
      </form>
      {verify.result && !verify.busy ? <VerifyOutcome answer={verify.result} acceptHead={acceptedHead} /> : null}
      <ErrorNotice error={verify.error} />
      <SignHeadForm />
    </section>
  );
}

function VerifyOutcome({ answer, acceptHead }: { answer: VerifyAnswer; acceptHead: string }) {
  const failure = verifyFailure(answer.report, ACCEPT_UNRECORDED);
  const text = [
    ...answer.accepted.map((f) => `accepted into the ledger: ${f}`),
    ...answer.notAccepted.map((f) => `not accepted: ${f}`),
    ...(acceptHead ? [`this machine now remembers head ${acceptHead} for ${answer.workspace}`] : []),
    answer.workspace,
    ...answer.lines,
  ].join('\n');
  return (
    <div aria-live="polite" aria-label="Verify result">
      <p className={answer.ok ? 'verdict-pass' : 'verdict-fail'}>{answer.ok ? 'Verified: every record matches the ledger.' : 'Not verified.'}</p>
      <pre className="verify-lines">{text}</pre>
      {failure ? (
        <div className="error" role="alert">
          <p className="error-message">{failure.message}</p>
          {failure.hint ? <p className="error-hint">{failure.hint}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
