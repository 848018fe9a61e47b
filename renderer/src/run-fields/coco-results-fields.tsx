import { useState } from 'react';
import type { CocoIouType, CocoScoreAnswer, CocoScoreRequest } from '../../../core/api/coco-score.js';
import type { ErrorInfo } from '../../../core/api/errors.js';
import { cocoScoreText } from '../../../core/present/coco-score-text.js';
import { COCO_IOU_TYPE_CHOICES, COCO_SCORE_FIELD_PATHS, cocoScoreRefusal } from '../../../core/present/coco-score-form.js';
import { ErrorNotice } from '../components/error-notice.js';
import { errorInfoOf } from '../lab-client/error-info.js';
import { useLab } from '../lab-context.js';
import { routeHref } from '../routes.js';
import { Refusal } from './labelled-pass-fields.js';

/** Tags as typed: comma-separated, blanks dropped. */
function tagList(text: string): string[] {
  return text.split(',').map((t) => t.trim()).filter((t) => t !== '');
}

/**
 * `edgelab eval --annotations GT.json --predictions RESULTS.json` from the Check outputs form: a COCO
 * results file made elsewhere, scored without running a model and recorded as an imported accuracy
 * run. The paths are on the lab's machine, typed as the other checks' paths are; the answer is the
 * text the CLI prints, and a refusal shows under the field it is about.
 */
export function CocoResultsFields() {
  const lab = useLab();
  const [annotations, setAnnotations] = useState('');
  const [predictions, setPredictions] = useState('');
  const [iouType, setIouType] = useState<CocoIouType | ''>('');
  const [label, setLabel] = useState('');
  const [tags, setTags] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [answer, setAnswer] = useState<CocoScoreAnswer | null>(null);

  const request = (): CocoScoreRequest => ({
    annotations: annotations.trim(),
    predictions: predictions.trim(),
    ...(iouType ? { iouType } : {}),
    ...(label.trim() ? { label: label.trim() } : {}),
    ...(tagList(tags).length > 0 ? { tags: tagList(tags) } : {}),
  });
  const score = async () => {
    setError(null);
    setAnswer(null);
    const sent = request();
    // The request's own schema, here first: an empty path is named beside its field before anything is sent.
    const refused = cocoScoreRefusal(sent);
    if (refused) {
      setError({ kind: 'usage', message: refused.message, ...(refused.field ? { field: { path: refused.field } } : {}) });
      return;
    }
    setBusy(true);
    try {
      setAnswer(await lab.scoreCocoResults(sent));
    } catch (e) {
      setError(errorInfoOf(e));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: string) => ({ 'data-request-field': `scoreCocoResults.request.${name}` });
  const text = (id: string, caption: string, value: string, set: (v: string) => void, name: string) => (
    <div className="field">
      <label htmlFor={id}>{caption}</label>
      <input id={id} type="text" className="mono" value={value} spellCheck={false} disabled={busy} onChange={(e) => set(e.target.value)} {...field(name)} />
      <Refusal error={error} path={name} />
    </div>
  );
  return (
    <>
      {text('coco-annotations', 'Ground truth (COCO instances JSON)', annotations, setAnnotations, 'annotations')}
      {text('coco-predictions', 'Results to score (COCO results JSON: image_id, category_id, score, bbox or segmentation)', predictions, setPredictions, 'predictions')}
      <div className="field">
        <label htmlFor="coco-iou-type">IoU type</label>
        <select id="coco-iou-type" value={iouType} disabled={busy} onChange={(e) => setIouType(e.target.value as CocoIouType | '')} {...field('iouType')}>
          <option value="">From the results file (segm when its entries carry segmentation)</option>
          {COCO_IOU_TYPE_CHOICES.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        <Refusal error={error} path="iouType" />
      </div>
      {text('coco-label', 'Name of the run (optional)', label, setLabel, 'label')}
      {text('coco-tags', 'Tags (optional, comma-separated)', tags, setTags, 'tags')}
      <div className="row">
        <button type="button" disabled={busy} onClick={() => void score()}>Score the results</button>
        {busy ? <span role="status" aria-label="Scoring progress">Scoring…</span> : null}
      </div>
      {answer ? (
        <section aria-label="COCO score">
          <pre className="mono">{cocoScoreText(answer)}</pre>
          <p>
            Recorded as an imported accuracy run; the two files are kept beside it with their SHA-256.{' '}
            <a href={routeHref({ screen: 'results', runId: answer.runId })}>Open its Results ({answer.runId})</a>
          </p>
        </section>
      ) : null}
      {/* A refusal shown beside its field is not repeated here. */}
      <ErrorNotice error={error?.field && COCO_SCORE_FIELD_PATHS.includes(error.field.path) ? null : error} />
    </>
  );
}
