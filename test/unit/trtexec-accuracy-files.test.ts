import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExportOutputReader, readExportOutput, splitOutputsPerImage } from '../../core/engines/trtexec/export-output.js';
import { loadInputsBytes, loadInputsFlag, writeLoadInputsFile } from '../../core/engines/trtexec/load-inputs.js';
import { fromFloat16Bits } from '../../core/inputs/float16.js';

/**
 * The two files an accuracy pass exchanges with trtexec. TensorRT cannot run here, so the
 * --exportOutput reader is checked against a file a real trtexec wrote (three classifier heads;
 * origin in test/fixtures/trtexec-runs/README.md) and against the layout TensorRT's source writes
 * (sampleReporting.cpp exportJSONOutput: non-finite values as C++ prints them, and the output
 * allocator's "Final shape is …" line inside the values); the --loadInputs files against the byte
 * layout trtexec's loadFromFile reads (the binding's raw bytes, little-endian, exact size).
 */
const recorded = fileURLToPath(new URL('../fixtures/trtexec-runs/exportOutput/three-heads_1x5_1x3_1x5.json', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-trtexec-files-'));

describe('trtexec --exportOutput', () => {
  it('reads a real trtexec file: names, dims from "1x5", and every value as JSON.parse reads it', async () => {
    const outputs = await readExportOutput(recorded);
    const independent = JSON.parse(readFileSync(recorded, 'utf8')) as Array<{ name: string; dimensions: string; values: number[] }>;
    expect(Object.keys(outputs).sort()).toEqual(independent.map((o) => o.name).sort());
    for (const o of independent) {
      expect(outputs[o.name]!.dims).toEqual(o.dimensions.split('x').map(Number));
      expect(Array.from(outputs[o.name]!.data)).toEqual(o.values.map((v) => Math.fround(v)));
    }
  });

  it('gives the same tensors whatever the chunks the file arrives in, one byte at a time included', async () => {
    const text = readFileSync(recorded, 'utf8');
    const whole = await readExportOutput(recorded);
    for (const size of [1, 7, 64]) {
      const reader = new ExportOutputReader('chunked');
      for (let i = 0; i < text.length; i += size) reader.write(text.slice(i, i + size));
      expect(reader.end()).toEqual(whole);
    }
  });

  it('reads what JSON cannot: nan, -nan, inf, -inf, and the output allocator\'s final shape', () => {
    const reader = new ExportOutputReader('allocator.json');
    reader.write('[\n  { "name" : "scores"\n  , "dimensions" : "1x4"\n  , "values" : [ nan, -nan, inf, -inf ]\n  }\n');
    reader.write(', { "name" : "nonzero"\n  , "dimensions" : "2x-1"\n  , "values" : [ Final shape is 2x3 reported by the output allocator.\n0, 1, 2, 3, 4, 5 ]\n  }\n]\n');
    const out = reader.end();
    expect(Array.from(out.scores!.data, String)).toEqual(['NaN', 'NaN', 'Infinity', '-Infinity']);
    expect(out.nonzero!.dims).toEqual([2, 3]);
    expect(Array.from(out.nonzero!.data)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses a cut-off file, a count that disagrees with the dims, and a value that is not a number, naming the file and output', async () => {
    const text = readFileSync(recorded, 'utf8');
    const cut = path.join(dir, 'cut.json');
    writeFileSync(cut, text.slice(0, text.indexOf('0.79014') + 4));
    await expect(readExportOutput(cut)).rejects.toThrow(/cut\.json cannot be read: it ends inside the values of 'probs_headset'/);
    const short = path.join(dir, 'short.json');
    writeFileSync(short, text.replace('0.79014, ', ''));
    await expect(readExportOutput(short)).rejects.toThrow(/short\.json.*'probs_headset' has 2 values but its dimensions 1x3 hold 3/);
    const word = path.join(dir, 'word.json');
    writeFileSync(word, text.replace('0.206794', 'oops'));
    await expect(readExportOutput(word)).rejects.toThrow(/value 2 of 'probs_headset' is "oops"/);
    const closing = path.join(dir, 'no-closing.json');
    writeFileSync(closing, text.replace(/\]\s*$/, ''));
    await expect(readExportOutput(closing)).rejects.toThrow(/closing `\]`/);
  });

  it('splits a batch per image along dim 0, and refuses an output without the batch in dim 0', () => {
    const batch = { boxes: { dims: [2, 3, 2], data: Float32Array.from({ length: 12 }, (_, i) => i) }, count: { dims: [2, 1], data: Float32Array.of(3, 1) } };
    const [a, b] = splitOutputsPerImage(batch, 2);
    expect(a!.boxes).toEqual({ dims: [1, 3, 2], data: Float32Array.of(0, 1, 2, 3, 4, 5) });
    expect(b!.boxes!.data).toEqual(Float32Array.of(6, 7, 8, 9, 10, 11));
    expect(b!.count).toEqual({ dims: [1, 1], data: Float32Array.of(1) });
    expect(() => splitOutputsPerImage({ anchors: { dims: [8400, 4], data: new Float32Array(33600) } }, 2)).toThrow(/'anchors' has dims 8400x4: its first dim is not the batch of 2/);
  });
});

describe('trtexec --loadInputs files', () => {
  it('are the tensor\'s raw little-endian bytes in the engine\'s input type, nothing else', () => {
    const values = [0.5, -1.25, 3, 65504];
    const f32 = new DataView(loadInputsBytes('float32', values).buffer);
    expect(values.map((_, i) => f32.getFloat32(4 * i, true))).toEqual(values);
    const f16 = loadInputsBytes('float16', values);
    expect(f16.length).toBe(8);
    const h = new DataView(f16.buffer);
    expect(values.map((_, i) => fromFloat16Bits(h.getUint16(2 * i, true)))).toEqual(values);
    const i64 = new DataView(loadInputsBytes('int64', [7, -2]).buffer);
    expect([i64.getBigInt64(0, true), i64.getBigInt64(8, true)]).toEqual([7n, -2n]);
    expect(Array.from(loadInputsBytes('uint8', [0, 114, 255]))).toEqual([0, 114, 255]);
  });

  it('hold a batch image after image, at exactly the binding\'s size (volume × element size)', async () => {
    const file = path.join(dir, 'batch.bin');
    const a = Float32Array.from({ length: 12 }, (_, i) => i);
    const b = Float32Array.from({ length: 12 }, (_, i) => 100 + i);
    await writeLoadInputsFile(file, 'float32', [a, b], 12);
    expect(statSync(file).size).toBe(2 * 12 * 4);
    const bytes = readFileSync(file);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(Array.from({ length: 24 }, (_, i) => view.getFloat32(4 * i, true))).toEqual([...a, ...b]);
    await expect(writeLoadInputsFile(file, 'float32', [a, new Float32Array(5)], 12)).rejects.toThrow(/image 1 of the batch has 5 values, not 12/);
  });

  it('are named as trtexec splits --loadInputs: quoted when a name or path holds a colon, refused when a path holds a comma', () => {
    expect(loadInputsFlag({ images: '/tmp/a.bin' })).toBe('images:/tmp/a.bin');
    expect(loadInputsFlag({ 'input:0': '/tmp/a.bin', x: 'C:/in.bin' })).toBe("'input:0':/tmp/a.bin,'x':C:/in.bin");
    expect(() => loadInputsFlag({ x: '/tmp/a,b.bin' })).toThrow(/split at commas/);
  });
});
