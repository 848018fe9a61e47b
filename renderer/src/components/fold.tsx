import { useState, type ReactNode } from 'react';

/** Whether each section was last left open or folded, for this window's session: per section, not per run. */
function remembered(id: string): boolean | null {
  try {
    const value = sessionStorage.getItem(`edgelab.fold.${id}`);
    return value === null ? null : value === 'open';
  } catch {
    return null;
  }
}

function remember(id: string, open: boolean): void {
  try {
    sessionStorage.setItem(`edgelab.fold.${id}`, open ? 'open' : 'folded');
  } catch {
    // A storage the page may not use (a sandboxed frame): the section still folds, it only forgets.
  }
}

interface Props {
  /** Names the section for its remembered state ("results-telemetry"). */
  id: string;
  /** The heading's element id, which the section is labelled by. */
  headingId: string;
  title: ReactNode;
  /** A few words beside the heading, read while folded ("2 warnings"). */
  hint?: ReactNode;
  defaultOpen?: boolean;
  className?: string;
  children: ReactNode;
}

/**
 * Detail under a screen's answer: a section whose heading folds and unfolds it (<details>), so
 * a long run reads as its answer and a list of what else it holds.
 */
export function Fold({ id, headingId, title, hint, defaultOpen = false, className, children }: Props) {
  const [open, setOpen] = useState(() => remembered(id) ?? defaultOpen);
  return (
    <section aria-labelledby={headingId} className={className ? `fold ${className}` : 'fold'}>
      <details
        open={open}
        onToggle={(e) => {
          const now = e.currentTarget.open;
          if (now === open) return;
          setOpen(now);
          remember(id, now);
        }}
      >
        <summary>
          <h2 id={headingId}>{title}</h2>
          {hint ? <span className="fold-hint">{hint}</span> : null}
        </summary>
        <div className="fold-body">{children}</div>
      </details>
    </section>
  );
}
