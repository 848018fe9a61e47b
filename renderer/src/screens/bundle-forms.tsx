import { useCallback, useState, type FormEvent } from 'react';
import type { BundleRunsRequest, MergeBundlesAnswer, MergeBundlesRequest } from '../../../core/api/evidence-bundle.js';
import type { LabApi } from '../../../core/api/lab-api.js';
import { bundleLines, mergeLines } from '../../../core/present/bundle-text.js';
import { ErrorNotice } from '../components/error-notice.js';
import { given, listOf, requestFields, TextField, type PathField } from '../components/import-fields.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

const MERGE_FIELDS = requestFields('mergeBundles', {
  bundles: { id: 'merge-bundles', label: 'Bundle files on the lab\'s machine, comma-separated', placeholder: '/ci/artifacts/orin-1.bundle.tar, /ci/artifacts/orin-2.bundle.tar' },
  allowedSigners: { id: 'merge-allowed-signers', label: 'Allowed signers file (optional; default allowed_signers in the workspace)', placeholder: '/etc/edgelab/allowed_signers' },
} satisfies Record<keyof MergeBundlesRequest, PathField>);

type BundleText = Exclude<keyof BundleRunsRequest, 'all'>;
const BUNDLE_FIELDS = requestFields('bundleRuns', {
  runs: { id: 'bundle-runs', label: 'Runs, comma-separated ids or prefixes (or tick "every run")', placeholder: '20261124T040112Z-3f9a1c' },
  since: { id: 'bundle-since', label: 'Only what was recorded after this head (optional)', placeholder: 'the entryHash an earlier bundle printed' },
  out: { id: 'bundle-out', label: 'Write the bundle to (a new file on the lab\'s machine)', placeholder: '/ci/artifacts/orin-1.bundle.tar' },
  key: { id: 'bundle-key', label: 'Sign with this SSH key (optional)', placeholder: '~/.ssh/id_ed25519' },
} satisfies Record<BundleText, PathField>);

/** A lab client that can send a file's bytes (HttpLabClient, over `edgelab serve`); the desktop app reads paths instead. */
type Uploading = LabApi & { uploadBundle?: (file: Blob, name: string, allowedSigners?: string) => Promise<MergeBundlesAnswer> };

/**
 * Bundles from other devices: a file chosen in the browser is uploaded to the lab (same checks and
 * bounds as `edgelab runs merge`), or files already on the lab's machine are named by path.
 */
export function MergeBundleForm() {
  const lab = useLab() as Uploading;
  const [paths, setPaths] = useState('');
  const [signers, setSigners] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const call = useCall(useCallback(async (request: MergeBundlesRequest & { file: File | null }) => {
    const { file: chosen, ...merge } = request;
    if (!chosen || !lab.uploadBundle) return lab.mergeBundles(merge);
    // A chosen file and paths typed beside it are both merged, the upload first: neither is dropped unsaid.
    const uploaded = await lab.uploadBundle(chosen, chosen.name, merge.allowedSigners);
    if (merge.bundles.length === 0) return uploaded;
    const named = await lab.mergeBundles(merge);
    return { ...named, bundles: [...uploaded.bundles, ...named.bundles] };
  }, [lab]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bundles = listOf('bundles', paths).bundles ?? [];
    void call.run({ bundles, ...given('allowedSigners', signers), file });
  };
  return (
    <form aria-labelledby="merge-bundle-heading" onSubmit={submit} className="stack import-form">
      <h2 id="merge-bundle-heading">Evidence bundles from other devices</h2>
      <p className="muted">
        A bundle (<code>edgelab runs bundle</code> on a device) is checked whole, chain and hashes, and its runs are added as measured on their own device. Only a bundle signed by a key
        the allowed signers name ticks measured ladder items; an unsigned one shows as merged, unsigned. Merging a bundle again changes nothing.
        {lab.uploadBundle
          ? ' Choose a file from this computer to upload it, or name files already on the lab\'s machine by their paths (or both).'
          : ' Name the bundle files by their paths on this computer.'}
      </p>
      {lab.uploadBundle ? (
        <div className="field">
          <label htmlFor="merge-bundle-file">Bundle file from this computer</label>
          <input id="merge-bundle-file" type="file" accept=".tar,application/x-tar" data-request-field="mergeBundles.request.bundles" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
      ) : null}
      <TextField field={MERGE_FIELDS.bundles} value={paths} onChange={setPaths} />
      <TextField field={MERGE_FIELDS.allowedSigners} value={signers} onChange={setSigners} />
      <div className="row">
        <button type="submit" className="primary" disabled={call.busy}>{call.busy ? 'Merging…' : 'Merge bundle'}</button>
      </div>
      <ErrorNotice error={call.error} />
      {call.result && !call.busy && !call.error ? <Lines label="Merge result" lines={mergeLines(call.result)} /> : null}
    </form>
  );
}

/** `edgelab runs bundle` from the app: the bundle is written on the lab's machine, for CI or a colleague to merge. */
export function BundleRunsForm() {
  const lab = useLab();
  const [values, setValues] = useState<Record<BundleText, string>>({ runs: '', since: '', out: '', key: '' });
  const [all, setAll] = useState(false);
  const call = useCall(useCallback((request: BundleRunsRequest) => lab.bundleRuns(request), [lab]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void call.run({ runs: listOf('runs', values.runs).runs ?? [], out: values.out.trim(), ...(all ? { all: true } : {}), ...given('since', values.since), ...given('key', values.key) });
  };
  const keys = Object.keys(BUNDLE_FIELDS) as BundleText[];
  return (
    <form aria-labelledby="bundle-runs-heading" onSubmit={submit} className="stack import-form">
      <h2 id="bundle-runs-heading">Write a bundle of this workspace's runs</h2>
      <label className="inline">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} data-request-field="bundleRuns.request.all" /> Every run
      </label>
      {keys.map((key) => (
        <TextField key={key} field={BUNDLE_FIELDS[key]} value={values[key]} onChange={(value) => setValues((v) => ({ ...v, [key]: value }))} />
      ))}
      <div className="row">
        <button type="submit" className="primary" disabled={call.busy}>{call.busy ? 'Writing…' : 'Write bundle'}</button>
      </div>
      <ErrorNotice error={call.error} />
      {call.result && !call.busy && !call.error ? <Lines label="Bundle written" lines={bundleLines(call.result)} /> : null}
    </form>
  );
}

function Lines({ label, lines }: { label: string; lines: string[] }) {
  return (
    <div role="status" aria-live="polite" aria-label={label} className="import-outcome">
      {lines.map((line, i) => <p key={i} className={line.startsWith('  ') ? 'muted' : undefined}>{line.trim()}</p>)}
    </div>
  );
}
