import { useState } from 'react';
import type { ProviderStatus } from '../../../core/api/providers.js';
import type { ExecutionProvider } from '../../../core/api/run-spec.js';

/**
 * Execution providers in priority order, as repeated `--ep` flags: ONNX Runtime assigns each node
 * to the first provider in the list that can run it. Each can move up or down or be removed; a
 * provider that does not start here may still be listed (the run then says why it failed).
 */
export function ProviderList({ value, onChange, providers }: { value: ExecutionProvider[]; onChange: (next: ExecutionProvider[]) => void; providers: ProviderStatus[] | null }) {
  const known = providers ?? [{ name: 'cpu', starts: true, inBuild: true } as ProviderStatus];
  const addable = known.filter((p) => p.inBuild !== false && !value.includes(p.name as ExecutionProvider));
  const [adding, setAdding] = useState('');
  const starts = (name: string) => known.find((p) => p.name === name)?.starts !== false;
  const move = (from: number, to: number) => {
    const next = [...value];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item as ExecutionProvider);
    onChange(next);
  };
  return (
    <div className="field" role="group" aria-labelledby="providers-label">
      <span id="providers-label" className="label">Execution providers, in priority order</span>
      <ol className="provider-list" aria-label="Execution providers, in priority order" data-request-field="startRun.spec.session.executionProviders">
        {value.map((name, i) => (
          <li key={name}>
            <span className="mono">{name}</span>{starts(name) ? null : <span className="muted"> (does not start here)</span>}
            <button type="button" aria-label={`Move ${name} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>↑</button>
            <button type="button" aria-label={`Move ${name} down`} disabled={i === value.length - 1} onClick={() => move(i, i + 1)}>↓</button>
            <button type="button" aria-label={`Remove ${name}`} disabled={value.length === 1} onClick={() => onChange(value.filter((p) => p !== name))}>×</button>
          </li>
        ))}
      </ol>
      <div className="row">
        <label htmlFor="provider-add">Add a provider</label>
        <select id="provider-add" value={adding} onChange={(e) => setAdding(e.target.value)} data-request-field="startRun.spec.session.executionProviders">
          <option value="">—</option>
          {addable.map((p) => (
            <option key={p.name} value={p.name}>{p.name}{p.starts ? '' : ' (does not start here)'}</option>
          ))}
        </select>
        <button type="button" disabled={adding === ''} onClick={() => { onChange([...value, adding as ExecutionProvider]); setAdding(''); }}>Add</button>
      </div>
    </div>
  );
}
