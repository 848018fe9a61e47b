import { isLabError, LabError } from '../api/errors.js';
import { readRegularFile } from '../files/regular-file.js';

export interface ClassScore {
  index: number;
  label: string | null;
  score: number;
}

/** True when the scores already are probabilities (non-negative, summing to 1), e.g. after Softmax. */
export function isDistribution(scores: ArrayLike<number>): boolean {
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (!(s >= 0 && s <= 1)) return false;
    sum += s;
  }
  return Math.abs(sum - 1) < 1e-3;
}

/** Numerically stable softmax (subtract the max first). */
export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] as number);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp((logits[i] as number) - max);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / sum;
  return out;
}

/**
 * The k best classes with probabilities: softmax is applied unless the output is already a
 * distribution. Ties keep the lower index first, so results repeat.
 */
export function topK(scores: ArrayLike<number>, k: number, labels: readonly string[] | null = null): ClassScore[] {
  const probs = isDistribution(scores) ? Float64Array.from(scores as ArrayLike<number>) : softmax(scores);
  const order = Array.from(probs.keys()).sort((a, b) => (probs[b] as number) - (probs[a] as number) || a - b);
  return order.slice(0, k).map((index) => ({ index, label: labels?.[index] ?? null, score: probs[index] as number }));
}

const labelsHint = 'Give a text file with one class label a line, in the order of the model\'s output.';

/** A labels file: one label a line, in class-index order (ImageNet's synset files, YOLO's names). */
export async function readLabels(file: string): Promise<string[]> {
  let text: string;
  try {
    text = (await readRegularFile(file, { what: 'Labels file', hint: labelsHint })).toString('utf8');
  } catch (e) {
    if (isLabError(e)) throw e;
    throw new LabError('input', `Labels file ${file} cannot be read.`, labelsHint, { cause: e });
  }
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines.map((l) => l.trim());
}

/** A labels file must name exactly the classes the model scores. */
export function checkLabelCount(labelsFile: string, labels: readonly string[], modelPath: string, outputName: string, classCount: number): void {
  if (labels.length !== classCount) {
    throw new LabError('input', `Labels file ${labelsFile} has ${labels.length} labels but output '${outputName}' of ${modelPath} scores ${classCount} classes.`, 'Use the labels file the model was trained with: one label a line, one line per class, in output order.');
  }
}
