import { createReadStream } from 'node:fs';
import { LabError } from '../../api/errors.js';

/** One output tensor as the decoders take it: its dims and its values, row-major. */
export interface OutputTensor {
  dims: number[];
  data: Float32Array;
  /** The ONNX output's element type, when the caller knows it: the JSON does not say. */
  dtype?: string;
}
export type OutputTensors = Record<string, OutputTensor>;

/**
 * Reads `trtexec --exportOutput` files. TensorRT writes them with iostreams, not a JSON library
 * (sampleReporting.cpp exportJSONOutput, the same from 8.x to 11):
 *
 *   [
 *     { "name" : "output0"
 *     , "dimensions" : "1x84x8400"
 *     , "values" : [ 0.0435101, 0.0340782, … ]
 *     }
 *   , { "name" : …
 *   ]
 *
 * Values come from `operator<<` at the stream's default precision: six significant digits, and
 * `nan`, `-nan`, `inf`, `-inf` where a value is not finite, which is not JSON. An output whose shape
 * is only known after the run (an output allocator, e.g. NonZero) has "Final shape is 3x7 reported
 * by the output allocator." written inside its values list, and that shape is the tensor's. So the
 * file is scanned by this reader, one chunk at a time: outputs of hundreds of MB never sit in
 * memory as text or as a parsed tree, only as their Float32Arrays.
 */
export class ExportOutputReader {
  private readonly outputs: OutputTensors = {};
  private header = '';
  private name = '';
  private dims: number[] = [];
  private values: Float32Array = new Float32Array(0);
  private count = 0;
  private token = '';
  private inValues = false;
  private note = '';

  constructor(private readonly file: string) {}

  write(text: string): void {
    let i = 0;
    while (i < text.length) {
      if (!this.inValues) {
        const start = this.header.length;
        this.header += text.slice(i);
        const open = /"values"\s*:\s*\[/.exec(this.header);
        if (!open) return;
        const consumed = open.index + open[0].length - start;
        this.beginValues(this.header.slice(0, open.index));
        this.header = '';
        i += consumed;
        continue;
      }
      const c = text.charCodeAt(i);
      if (this.note !== '' || (this.token === '' && c === F)) {
        // "Final shape is …" runs to the end of its line.
        const eol = text.indexOf('\n', i);
        this.note += text.slice(i, eol < 0 ? text.length : eol);
        if (eol < 0) return;
        this.finalShape();
        i = eol + 1;
      } else if (c === COMMA || c === SPACE || c === NEWLINE || c === RETURN || c === TAB) {
        this.endToken();
        i++;
      } else if (c === CLOSE) {
        this.endToken();
        this.endValues();
        i++;
      } else {
        // A number runs to the next separator; one cut by the chunk's end is carried to the next.
        let end = i + 1;
        while (end < text.length && !isBoundary(text.charCodeAt(end))) end++;
        this.token += text.slice(i, end);
        i = end;
      }
    }
  }

  end(): OutputTensors {
    if (this.inValues) throw this.error(`it ends inside the values of '${this.name}': cut off while trtexec wrote it, or copied in part?`);
    if (!/^\]\s*$/.test(this.header.replace(/^[\s}]*/, ''))) throw this.error('it does not end as trtexec ends the file (a closing `]`)');
    if (Object.keys(this.outputs).length === 0) throw this.error('it holds no output tensors');
    return this.outputs;
  }

  private beginValues(head: string): void {
    const name = /"name"\s*:\s*"(.*)"\s*$/m.exec(head);
    const dims = /"dimensions"\s*:\s*"([^"]*)"/.exec(head);
    if (!name || !dims) throw this.error(`an output entry lacks ${name ? '"dimensions"' : '"name"'} before its "values"`);
    this.name = name[1]!;
    this.dims = this.parseDims(dims[1]!);
    this.values = new Float32Array(this.dims.every((d) => d >= 0) ? volume(this.dims) : 0);
    this.count = 0;
    this.inValues = true;
  }

  private parseDims(text: string): number[] {
    // A scalar prints as the empty string.
    if (text.trim() === '') return [];
    const dims = text.trim().split('x').map(Number);
    if (dims.some((d) => !Number.isInteger(d))) throw this.error(`'${this.name}' has dimensions "${text}", not sizes joined by x (e.g. 1x84x8400)`);
    return dims;
  }

  private finalShape(): void {
    const shape = /^Final shape is (\S*) reported by the output allocator\./.exec(this.note.trim());
    if (!shape) throw this.error(`the values of '${this.name}' hold "${this.note.trim().slice(0, 60)}", not a number`);
    this.dims = this.parseDims(shape[1]!);
    this.values = new Float32Array(volume(this.dims));
    this.note = '';
  }

  private endToken(): void {
    if (this.token === '') return;
    const t = this.token;
    this.token = '';
    const v = NON_FINITE[t] ?? Number(t);
    if (Number.isNaN(v) && NON_FINITE[t] === undefined) throw this.error(`value ${this.count + 1} of '${this.name}' is "${t.slice(0, 30)}", not a number`);
    if (this.count >= this.values.length) this.grow();
    this.values[this.count++] = v;
  }

  private grow(): void {
    if (this.dims.every((d) => d >= 0)) throw this.error(`'${this.name}' has more values than its dimensions ${this.dims.join('x')} hold (${volume(this.dims)})`);
    const bigger = new Float32Array(Math.max(1024, this.values.length * 2));
    bigger.set(this.values);
    this.values = bigger;
  }

  private endValues(): void {
    this.inValues = false;
    const expected = this.dims.every((d) => d >= 0) ? volume(this.dims) : this.count;
    if (this.count !== expected) throw this.error(`'${this.name}' has ${this.count} values but its dimensions ${this.dims.join('x')} hold ${expected}`);
    if (this.outputs[this.name]) throw this.error(`output '${this.name}' appears twice`);
    this.outputs[this.name] = { dims: this.dims, data: this.values.length === this.count ? this.values : this.values.slice(0, this.count) };
  }

  private error(problem: string): LabError {
    return new LabError('runtime', `trtexec's --exportOutput file ${this.file} cannot be read: ${problem}.`, 'The file is kept as trtexec wrote it; rerun the pass, and check the disk is not full.');
  }
}

const [COMMA, SPACE, NEWLINE, RETURN, TAB, CLOSE, F] = [',', ' ', '\n', '\r', '\t', ']', 'F'].map((c) => c.charCodeAt(0));
function isBoundary(c: number): boolean {
  return c === COMMA || c === SPACE || c === NEWLINE || c === RETURN || c === TAB || c === CLOSE;
}

const NON_FINITE: Record<string, number> = { nan: NaN, '-nan': NaN, inf: Infinity, '-inf': -Infinity };

function volume(dims: readonly number[]): number {
  return dims.reduce((a, d) => a * d, 1);
}

export async function readExportOutput(file: string): Promise<OutputTensors> {
  const reader = new ExportOutputReader(file);
  try {
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) reader.write(chunk as string);
  } catch (e) {
    if (e instanceof LabError) throw e;
    throw new LabError('runtime', `trtexec's --exportOutput file ${file} cannot be read: ${e instanceof Error ? e.message : String(e)}.`, 'trtexec writes it at the end of its run: check it finished (&&&& PASSED) and wrote the file.', { cause: e });
  }
  return reader.end();
}

/**
 * A batch's outputs as one map per image: every output's dim 0 is the batch, as for images fed
 * through --loadInputs with the batch in dim 0. An output without that batch dim cannot be split
 * and is refused by name.
 */
export function splitOutputsPerImage(outputs: OutputTensors, images: number): OutputTensors[] {
  const per: OutputTensors[] = Array.from({ length: images }, () => ({}));
  for (const [name, t] of Object.entries(outputs)) {
    if (t.dims[0] !== images) {
      throw new LabError('runtime', `Output '${name}' has dims ${t.dims.join('x') || '(scalar)'}: its first dim is not the batch of ${images} images fed together.`, 'Run the accuracy pass with batch 1 (an engine whose outputs do not carry the batch in dim 0 cannot be split per image).');
    }
    const size = t.data.length / images;
    for (let k = 0; k < images; k++) per[k]![name] = { dims: [1, ...t.dims.slice(1)], data: t.data.slice(k * size, (k + 1) * size), ...(t.dtype ? { dtype: t.dtype } : {}) };
  }
  return per;
}
