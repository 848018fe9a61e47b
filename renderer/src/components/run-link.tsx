import type { ReactNode } from 'react';
import { runHref } from '../routes.js';

/** A run id that opens the run: the same link in History, Compare, sweeps and ladder evidence. */
export function RunLink({ runId, children }: { runId: string; children?: ReactNode }) {
  return <a className="mono run-link" href={runHref(runId)}>{children ?? runId}</a>;
}
