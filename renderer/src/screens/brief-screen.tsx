import { useState } from 'react';
import { BriefForm } from '../brief/brief-form.js';
import { PricePanel } from '../brief/price-panel.js';
import { SignOffPanel } from '../brief/sign-off-panel.js';

/** The stakeholder brief: prices as stated, a one-page brief from chosen runs, and its sign-off. */
export function BriefScreen() {
  const [written, setWritten] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  return (
    <section aria-labelledby="brief-heading">
      <h1 id="brief-heading">Brief</h1>
      <p className="muted">A one-page brief for the reader who decides: the options side by side, the one a stated rule recommends, what was not measured, and the evidence to pin.</p>
      <BriefForm onWritten={(path) => { setWritten(path); setRefresh((n) => n + 1); }} />
      <SignOffPanel file={written} refresh={refresh} />
      <PricePanel />
    </section>
  );
}
