import type { ProviderStatus } from '../../../core/api/providers.js';
import type { SessionSettings } from '../../../core/api/run-spec.js';
import { ProviderList } from './provider-list.js';
import type { FieldProps } from './field-props.js';

/** ONNX Runtime's session options under their own names, as `edgelab bench` sets them. */
export function SessionFieldset({ form, set, disabled, providers }: FieldProps & { disabled: boolean; providers: ProviderStatus[] | null }) {
  return (
    <fieldset disabled={disabled}>
      <legend>Session</legend>
      <ProviderList value={form.providers} onChange={(next) => set('providers', next)} providers={providers} />
      <div className="field">
        <label htmlFor="threads">Intra-op threads (0: ONNX Runtime chooses)</label>
        <input id="threads" data-request-field="startRun.spec.session.intraOpNumThreads" type="number" min={0} value={form.intraOpNumThreads} onChange={(e) => set('intraOpNumThreads', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="inter-threads">Inter-op threads (parallel mode; 0: ONNX Runtime chooses)</label>
        <input id="inter-threads" data-request-field="startRun.spec.session.interOpNumThreads" type="number" min={0} value={form.interOpNumThreads} onChange={(e) => set('interOpNumThreads', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="graph-opt">Graph optimisation level</label>
        <select id="graph-opt" data-request-field="startRun.spec.session.graphOptimizationLevel" value={form.graphOptimizationLevel} onChange={(e) => set('graphOptimizationLevel', e.target.value as SessionSettings['graphOptimizationLevel'])}>
          <option value="all">all (layout and fusions, the default)</option>
          <option value="extended">extended</option>
          <option value="basic">basic (constant folding, redundant nodes)</option>
          <option value="disabled">disabled</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="execution-mode">Execution mode</label>
        <select id="execution-mode" data-request-field="startRun.spec.session.executionMode" value={form.executionMode} onChange={(e) => set('executionMode', e.target.value as SessionSettings['executionMode'])}>
          <option value="sequential">sequential</option>
          <option value="parallel">parallel (independent branches at once)</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="free-dims">Free dimension overrides (NAME=V, comma-separated; optional)</label>
        <input id="free-dims" type="text" className="mono" value={form.freeDims} onChange={(e) => set('freeDims', e.target.value)} spellCheck={false} data-request-field="startRun.spec.session.freeDimensionOverrides" />
      </div>
      <div className="field check">
        <input id="mem-arena" data-request-field="startRun.spec.session.enableCpuMemArena" type="checkbox" checked={form.enableCpuMemArena} onChange={(e) => set('enableCpuMemArena', e.target.checked)} />
        <label htmlFor="mem-arena">CPU memory arena</label>
      </div>
      <div className="field check">
        <input id="mem-pattern" data-request-field="startRun.spec.session.enableMemPattern" type="checkbox" checked={form.enableMemPattern} onChange={(e) => set('enableMemPattern', e.target.checked)} />
        <label htmlFor="mem-pattern">Memory pattern (pre-planned allocations)</label>
      </div>
    </fieldset>
  );
}
