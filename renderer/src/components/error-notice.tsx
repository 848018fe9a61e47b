import type { ErrorInfo } from '../../../core/api/errors.js';

/** An API error as the CLI prints it: the message, then the hint that says what to do. */
export function ErrorNotice({ error }: { error: ErrorInfo | null }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      <p className="error-message">{error.message}</p>
      {error.hint ? <p className="error-hint">{error.hint}</p> : null}
    </div>
  );
}
