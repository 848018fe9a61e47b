import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { PriceRequest } from '../../../core/api/brief.js';
import { priceTable } from '../../../core/present/brief-sections.js';
import { ErrorNotice } from '../components/error-notice.js';
import { errorInFormWords } from '../form-wording.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';
import { PlainTable } from './plain-table.js';

type Which = 'this-machine' | 'kind' | 'run';

/** `edgelab price list` and `edgelab price set`: what one device of each hardware kind costs, as the user states it. */
export function PricePanel() {
  const lab = useLab();
  const list = useCall(useCallback(() => lab.prices(), [lab]));
  const state = useCall(useCallback((r: PriceRequest) => lab.statePrice(r), [lab]));
  const { run: load } = list;
  useEffect(() => void load(), [load]);
  const [which, setWhich] = useState<Which>('this-machine');
  const [form, setForm] = useState({ kind: '', run: '', amount: '', currency: 'EUR', note: '' });
  const [saved, setSaved] = useState('');
  const set = (key: keyof typeof form, value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved('');
    const hardware = which === 'this-machine' ? { thisMachine: true as const } : which === 'kind' ? { kind: form.kind } : { runId: form.run.trim() };
    const price = await state.run({ hardware, amount: Number(form.amount), currency: form.currency.trim(), ...(form.note.trim() ? { note: form.note.trim() } : {}) });
    if (price) {
      setSaved(`Price of ${price.hardwareLabel}: ${price.amount} ${price.currency}, stated by the user.`);
      void load();
    }
  };

  return (
    <section aria-labelledby="prices-heading">
      <h2 id="prices-heading">Hardware prices</h2>
      <p className="muted">What one device of each hardware kind costs, as you state it (a kind is the machine without its power mode). Kept as dated evidence; a later price supersedes an earlier one.</p>
      <ErrorNotice error={list.error} />
      {list.result && list.result.current.length > 0 ? <PlainTable table={priceTable(list.result.current, list.result.thisMachineKind)} caption="Current prices" /> : list.result ? <p className="muted">No prices stated yet.</p> : null}
      <form className="stack" onSubmit={(e) => void submit(e)} aria-label="State a price">
        <div className="field">
          <label htmlFor="price-hardware">Hardware</label>
          <select id="price-hardware" data-request-field="statePrice.request.hardware.thisMachine" value={which} onChange={(e) => setWhich(e.target.value as Which)}>
            <option value="this-machine">This machine's kind</option>
            <option value="kind">A hardware kind</option>
            <option value="run">The machine a run was measured on</option>
          </select>
        </div>
        {which === 'kind' ? <div className="field"><label htmlFor="price-kind">Hardware kind (as the price list names it)</label><input id="price-kind" type="text" data-request-field="statePrice.request.hardware.kind" value={form.kind} onChange={(e) => set('kind', e.target.value)} /></div> : null}
        {which === 'run' ? <div className="field"><label htmlFor="price-run">Run id</label><input id="price-run" type="text" className="mono" data-request-field="statePrice.request.hardware.runId" value={form.run} onChange={(e) => set('run', e.target.value)} spellCheck={false} /></div> : null}
        <div className="row">
          <div className="field"><label htmlFor="price-amount">Price of one device</label><input id="price-amount" type="number" min="0" step="any" data-request-field="statePrice.request.amount" value={form.amount} onChange={(e) => set('amount', e.target.value)} /></div>
          <div className="field"><label htmlFor="price-currency">Currency (ISO 4217)</label><input id="price-currency" type="text" size={4} data-request-field="statePrice.request.currency" value={form.currency} onChange={(e) => set('currency', e.target.value.toUpperCase())} /></div>
        </div>
        <div className="field"><label htmlFor="price-note">Where the price comes from</label><input id="price-note" type="text" data-request-field="statePrice.request.note" value={form.note} onChange={(e) => set('note', e.target.value)} placeholder="Distributor quote, November" /></div>
        <div className="row"><button type="submit" disabled={state.busy}>State the price</button>{saved ? <span role="status">{saved}</span> : null}</div>
      </form>
      <ErrorNotice error={errorInFormWords(state.error)} />
    </section>
  );
}
