import { useCallback, useState, type FormEvent } from 'react';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';
import { ErrorNotice } from './error-notice.js';

/**
 * `edgelab runs sign-head --key FILE` on this face: the ledger's head signed with an SSH key on the
 * lab's machine (ssh-keygen -Y sign), written beside the ledger for a reviewer to check.
 */
export function SignHeadForm() {
  const lab = useLab();
  const [key, setKey] = useState('');
  const sign = useCall(useCallback((file: string) => lab.signHead({ key: file }), [lab]));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void sign.run(key.trim());
  };

  return (
    <>
      <form className="row" aria-label="Sign the head" onSubmit={submit}>
        <label htmlFor="sign-head-key">SSH key file</label>
        <input id="sign-head-key" className="wide" type="text" required placeholder="~/.ssh/id_ed25519, or its .pub with the key in ssh-agent"
          data-request-field="signHead.request.key" value={key} onChange={(e) => setKey(e.target.value)} />
        <button type="submit" disabled={sign.busy || key.trim() === ''}>{sign.busy ? 'Signing…' : 'Sign the head'}</button>
      </form>
      {sign.result && !sign.busy ? (
        <p aria-live="polite" aria-label="Sign result" className="muted">
          Signed head <code>{sign.result.entryHash}</code> (seq {sign.result.seq}) of {sign.result.workspace}: {sign.result.files.join(', ')}. Commit both files; a reviewer checks them with an Allowed signers file above.
        </p>
      ) : null}
      <ErrorNotice error={sign.error} />
    </>
  );
}
