import { useCallback, useEffect, useMemo } from 'react';
import type { AccuracyImagesView } from '../../../core/api/accuracy-images.js';
import { prCurvesSpec } from '../../../core/present/charts/pr-curves.js';
import { STATUS_COLOURS } from '../../../core/present/accuracy-pictures.js';
import { VegaChart } from '../charts/vega-chart.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RunLink } from '../components/run-link.js';
import { PictureView } from '../images/picture-view.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

const PAGE_SIZES = [6, 12, 24, 48];
const figure = (v: number | null) => (v === null ? '–' : (v * 100).toFixed(1));

/**
 * An accuracy run's images, worst first, with predictions over the ground truth (green found, red
 * false, orange missed), a class filter, pages, the per-class AP table and PR curves; beside each
 * image, the same image in a reference run (the drop's, or one the user names).
 */
export function ImagesScreen({ runId, query, onQuery }: { runId: string | null; query: Record<string, string>; onQuery: (q: Record<string, string>) => void }) {
  const lab = useLab();
  const categoryId = query['class'] !== undefined && query['class'] !== '' ? Number(query['class']) : undefined;
  const limit = PAGE_SIZES.includes(Number(query['size'])) ? Number(query['size']) : 12;
  const offset = Math.max(0, Number(query['from'] ?? 0) || 0);
  const load = useCall(useCallback((id: string, c: number | undefined, o: number, l: number) => lab.accuracyImages({ runId: id, offset: o, limit: l, ...(c !== undefined ? { categoryId: c } : {}) }), [lab]));
  const loadRef = useCall(useCallback((id: string, c: number | undefined, files: string[]) => lab.accuracyImages({ runId: id, files, limit: 100, ...(c !== undefined ? { categoryId: c } : {}) }), [lab]));
  const record = useCall(useCallback((id: string) => lab.run(id), [lab]));
  const passes = useCall(useCallback(() => lab.runs({ tag: 'accuracy' }), [lab]));
  const { run: loadPasses } = passes;
  useEffect(() => {
    void loadPasses();
  }, [loadPasses]);
  const { run: loadImages } = load;
  const { run: loadReference } = loadRef;
  const { run: loadRecord } = record;
  useEffect(() => {
    if (runId) void loadImages(runId, categoryId, offset, limit);
  }, [runId, categoryId, offset, limit, loadImages]);
  useEffect(() => {
    if (runId) void loadRecord(runId);
  }, [runId, loadRecord]);
  const dropReference = (record.result?.extras['accuracyPass'] as { drop?: { referenceRun?: string } | null } | undefined)?.drop?.referenceRun;
  const reference = query['ref'] ?? dropReference ?? '';
  const view = load.result?.runId && runId && load.result.runId.startsWith(runId) ? load.result : undefined;
  const files = useMemo(() => view?.images.map((im) => im.file) ?? [], [view]);
  useEffect(() => {
    if (reference && files.length > 0) void loadReference(reference, categoryId, files);
  }, [reference, categoryId, files, loadReference]);
  const set = (changes: Record<string, string>) => onQuery({ ...query, ...changes });

  if (runId === null) {
    return (
      <section aria-labelledby="images-heading">
        <h1 id="images-heading">Images</h1>
        <p>Open an accuracy pass's Results and choose its images.</p>
      </section>
    );
  }
  const names = new Map((view?.classes ?? []).map((c) => [c.categoryId, c.name]));
  const refView = reference && loadRef.result ? loadRef.result : undefined;
  return (
    <section aria-labelledby="images-heading">
      <h1 id="images-heading">Images of <RunLink runId={runId} /></h1>
      <ErrorNotice error={load.error} />
      {view ? <ImagesHeader view={view} /> : load.busy ? <p>Reading the run's images…</p> : null}
      <div className="form-row">
        <label>Class{' '}
          <select value={categoryId === undefined ? '' : String(categoryId)} data-request-field="accuracyImages.request.categoryId" onChange={(e) => set({ class: e.target.value, from: '0' })}>
            <option value="">every class</option>
            {(view?.classes ?? []).map((c) => <option key={c.categoryId} value={String(c.categoryId)}>{c.name}</option>)}
          </select>
        </label>{' '}
        <label>Per page{' '}
          <select value={String(limit)} data-request-field="accuracyImages.request.limit" onChange={(e) => set({ size: e.target.value, from: '0' })}>
            {PAGE_SIZES.map((n) => <option key={n} value={String(n)}>{n}</option>)}
          </select>
        </label>{' '}
        <label>Beside reference run{' '}
          <input type="text" className="mono" list="accuracy-passes" value={reference} placeholder="run id" data-request-field="accuracyImages.request.runId" onChange={(e) => set({ ref: e.target.value.trim() })} />
        </label>
        <datalist id="accuracy-passes">
          {(passes.result ?? []).filter((p) => p.id !== runId).map((p) => <option key={p.id} value={p.id}>{`${p.modelName}${p.label ? ` (${p.label})` : ''}`}</option>)}
        </datalist>
      </div>
      <nav aria-label="Pages" className="form-row">
        <button type="button" disabled={offset === 0} data-request-field="accuracyImages.request.offset" onClick={() => set({ from: String(Math.max(0, offset - limit)) })}>Worse</button>{' '}
        <span>{!view ? '' : view.total === 0 ? 'no images' : `images ${offset + 1}–${Math.min(offset + limit, view.total)} of ${view.total}, worst first`}</span>{' '}
        <button type="button" disabled={!view || offset + limit >= view.total} onClick={() => set({ from: String(offset + limit) })}>Better</button>
      </nav>
      <ErrorNotice error={reference ? loadRef.error : null} />
      {view && refView && refView.set.name !== view.set.name ? <p className="muted">Run {refView.runId} is a pass over {refView.set.name}, not {view.set.name}: only images of the same file name are shown beside each other.</p> : null}
      {view ? (
        <ol className="pictures" aria-label="Images, worst first" style={{ listStyle: 'none', padding: 0 }}>
          {view.images.map((im) => {
            const twin = refView?.images.find((r) => r.file === im.file);
            return (
              <li key={im.file} style={{ display: 'flex', gap: 16, alignItems: 'flex-start', marginBottom: 16 }}>
                <PictureView runId={view.runId} image={im} classNames={names} pixels={view.task === 'mask'} />
                {twin && refView ? <div aria-label={`Reference ${refView.runId}`}><p className="muted">Reference <span className="mono">{refView.runId}</span></p><PictureView runId={refView.runId} image={twin} classNames={names} pixels={view.task === 'mask'} /></div> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      {view ? <ClassFigures view={view} /> : null}
    </section>
  );
}

function ImagesHeader({ view }: { view: AccuracyImagesView }) {
  const how = view.task === 'mask' ? 'by the mean IoU of the classes each holds' : `by ${view.task === 'text' ? 'hmean' : 'F1'} at IoU ${view.iouThreshold}, predictions scored ${view.scoreThreshold} or more shown`;
  return (
    <p>
      {view.set.name}: {view.set.images} images, ranked {how}.{' '}
      <span style={{ color: STATUS_COLOURS.tp }}>Green: found</span>, <span style={{ color: STATUS_COLOURS.fp }}>red: false</span>, <span style={{ color: STATUS_COLOURS.missed }}>orange: missed</span>{view.task === 'mask' ? '' : '; ground truth dashed'}.
    </p>
  );
}

function ClassFigures({ view }: { view: AccuracyImagesView }) {
  if (view.classes.length === 0) return null;
  const boxes = view.task === 'detections';
  return (
    <>
      <h2>Per class</h2>
      <table aria-label="Per-class accuracy">
        <thead><tr><th>class</th>{boxes ? <><th>objects</th><th>AP .50:.95 (%)</th><th>AP50 (%)</th></> : <th>IoU (%)</th>}</tr></thead>
        <tbody>
          {view.classes.map((c) => (
            <tr key={c.categoryId}><td>{c.name}</td>{boxes ? <><td>{c.objects ?? '–'}</td><td>{figure(c.ap)}</td><td>{figure(c.ap50)}</td></> : <td>{figure(c.iou)}</td>}</tr>
          ))}
        </tbody>
      </table>
      {view.curves.length > 0 ? (
        <>
          <h2>Precision–recall curves</h2>
          <VegaChart spec={prCurvesSpec(view.curves)} label="Precision-recall curves per class" />
        </>
      ) : null}
    </>
  );
}
