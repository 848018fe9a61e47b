import { useCallback, useState } from 'react';
import type { ErrorInfo } from '../../core/api/errors.js';
import { errorInfoOf } from './lab-client/error-info.js';

export interface Call<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  error: ErrorInfo | null;
  result: R | undefined;
}

/** One API call's busy flag, last result and last error, so every screen reports failures the same way. */
export function useCall<A extends unknown[], R>(call: (...args: A) => Promise<R>): Call<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [result, setResult] = useState<R | undefined>(undefined);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setBusy(true);
      setError(null);
      try {
        const value = await call(...args);
        setResult(value);
        return value;
      } catch (e) {
        setError(errorInfoOf(e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [call],
  );
  return { run, busy, error, result };
}
