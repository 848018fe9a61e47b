import type { RunRecord } from '../../../core/api/run-record.js';
import { runConfigurationRows } from '../../../core/present/run-configuration.js';
import { Fold } from '../components/fold.js';

/**
 * The whole session and run configuration, the same rows the reports print, so the input shapes a
 * run was measured on are in view beside its numbers.
 */
export function RunConfigurationView({ record }: { record: RunRecord }) {
  return (
    <Fold id="results-configuration" headingId="configuration-heading" title="Configuration" hint="session options, inputs and scenario">
      <table className="settings">
        <caption>Session options, inputs and scenario, as run</caption>
        <tbody>
          {runConfigurationRows(record).map(([name, value]) => (
            <tr key={name}><th scope="row">{name}</th><td className={name === 'Input tensors' || name === 'Model path' ? 'mono' : undefined}>{value}</td></tr>
          ))}
        </tbody>
      </table>
    </Fold>
  );
}
