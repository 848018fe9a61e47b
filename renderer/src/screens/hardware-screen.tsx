import { useCallback, useEffect } from 'react';
import type { ProviderStatus } from '../../../core/api/providers.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ExtrasView } from '../components/extras-view.js';
import { formatMs } from '../../../core/present/format-values.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

export function HardwareScreen() {
  const lab = useLab();
  const hardware = useCall(useCallback(() => lab.hardware(), [lab]));
  const providers = useCall(useCallback(() => lab.providers(), [lab]));
  const { run: loadHardware } = hardware;
  const { run: loadProviders } = providers;
  useEffect(() => {
    void loadHardware();
    void loadProviders();
  }, [loadHardware, loadProviders]);

  const hw = hardware.result;
  return (
    <section aria-labelledby="hardware-heading">
      <h1 id="hardware-heading">Hardware</h1>
      <ErrorNotice error={hardware.error ?? providers.error} />
      {hardware.busy || providers.busy ? <p aria-live="polite">Reading this machine…</p> : null}
      {hw ? (
        <section aria-labelledby="machine-heading">
          <h2 id="machine-heading">{typeof hw.label === 'string' ? hw.label : 'This machine'}</h2>
          {Array.isArray(hw.summaryRows) ? (
            <table className="settings hw-summary">
              <caption>As <code>edgelab hw</code> prints it</caption>
              <tbody>
                {(hw.summaryRows as Array<[string, string]>).map(([name, value]) => <tr key={name}><th scope="row">{name}</th><td>{value}</td></tr>)}
              </tbody>
            </table>
          ) : null}
          <details className="notes">
            <summary>Every field read from this machine</summary>
            <ExtrasView name="hardware" value={Object.fromEntries(Object.entries(hw).filter(([k]) => k !== 'summaryRows'))} />
          </details>
        </section>
      ) : null}
      {providers.result ? <ProviderTable providers={providers.result} /> : null}
    </section>
  );
}

function ProviderTable({ providers }: { providers: ProviderStatus[] }) {
  return (
    <section aria-labelledby="providers-heading">
      <h2 id="providers-heading">Execution providers</h2>
      <table>
        <thead>
          <tr><th scope="col">Provider</th><th scope="col">In this build</th><th scope="col">Bundled</th><th scope="col">Starts here</th><th scope="col" className="num">Probe ms</th><th scope="col">Why not, and what to do</th></tr>
        </thead>
        <tbody>
          {providers.map((p) => (
            <tr key={p.name}>
              <td className="mono">{p.name}</td>
              <td>{p.inBuild ? 'yes' : 'no'}</td>
              <td>{p.bundled ? 'yes' : 'no'}</td>
              <td><span className={`verdict verdict-${p.starts ? 'pass' : 'fail'}`}>{p.starts ? 'starts' : 'no'}</span></td>
              <td className="num">{formatMs(p.probeMs)}</td>
              <td>{p.reason ?? ''}{p.advice ? <span className="advice"> {p.advice}</span> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
