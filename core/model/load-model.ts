import { readdir } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { fromBinary, ModelProtoSchema } from './onnx-proto.js';
import type { GraphProto, ModelProto } from 'onnx-buf';
import { isLabError, LabError } from '../api/errors.js';
import { NotRegularFileError, openRegularFile } from '../files/regular-file.js';
import { recognizeNonOnnx, startsLikeOnnx } from './file-signature.js';

export interface LoadedModel {
  /** Absolute path. */
  path: string;
  /** The whole file. Initializer raw_data fields are views into it, not copies. */
  bytes: Buffer;
  model: ModelProto;
  graph: GraphProto;
}

/**
 * Reads and decodes an .onnx file, or throws a LabError (kind 'input') that names the file and
 * says what to do. The file is read once into one Buffer; protobuf-es decodes bytes fields as
 * subarray views of it, so a model's weights are held once however large the file is.
 */
export async function loadModelProto(path: string): Promise<LoadedModel> {
  const absolute = resolve(path);
  const bytes = await readModelFile(absolute);
  let model: ModelProto;
  try {
    model = fromBinary(ModelProtoSchema, bytes);
  } catch (error) {
    throw decodeError(absolute, bytes, error);
  }
  return { path: absolute, bytes, model, graph: checkModel(absolute, bytes, model) };
}

async function readModelFile(path: string): Promise<Buffer> {
  let opened: Awaited<ReturnType<typeof openRegularFile>>;
  try {
    opened = await openRegularFile(path, { what: 'Model', hint: 'Give the .onnx file itself, saved on disk: a model is read whole, so a pipe or a device cannot stand in for one.' });
  } catch (error) {
    if (error instanceof NotRegularFileError && error.fileKind === 'a folder') throw await folderError(path);
    throw isLabError(error) ? error : fileError(path, error);
  }
  const { handle, stats } = opened;
  try {
    if (stats.size === 0) {
      throw new LabError('input', `${path} is empty (0 bytes), not an ONNX model`, 'Export or download the model again; an interrupted copy leaves an empty file.');
    }
    return await handle.readFile();
  } catch (error) {
    throw isLabError(error) ? error : fileError(path, error);
  } finally {
    await handle.close();
  }
}

async function folderError(path: string): Promise<LabError> {
  const onnxFiles = (await readdir(path).catch(() => [])).filter((f) => f.endsWith('.onnx'));
  return new LabError(
    'input',
    `${path} is a directory, not an .onnx model file`,
    onnxFiles.length > 0
      ? `Pass one of the models inside it: ${onnxFiles.slice(0, 5).join(', ')}${onnxFiles.length > 5 ? ', …' : ''}.`
      : 'Pass the path of the .onnx file itself.',
  );
}

function fileError(path: string, error: unknown): LabError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new LabError('input', `Model file not found: ${path}`, 'Check the path (relative paths start from the current directory), or run `npm run models` to generate the example models.', { cause: error });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new LabError('input', `Cannot read ${path}: permission denied`, 'Make the file readable by this user (chmod +r) or copy it somewhere readable.', { cause: error });
  }
  if (code === 'ERR_FS_FILE_TOO_LARGE') {
    return new LabError('input', `${path} is larger than 2 GiB, the limit of a single ONNX protobuf`, 'Save the weights as external data (onnx.save_model(model, path, save_as_external_data=True)) so the .onnx file holds only the graph.', { cause: error });
  }
  return new LabError('input', `Cannot read ${path}: ${(error as Error).message}`, 'Check that the path is a readable file.', { cause: error });
}

function decodeError(path: string, bytes: Buffer, error: unknown): LabError {
  const name = basename(path);
  const reason = error instanceof Error ? error.message : String(error);
  if (startsLikeOnnx(bytes)) {
    if (/premature EOF/i.test(reason)) {
      return new LabError(
        'input',
        `${path} is truncated: it starts like an ONNX model but ends in the middle of a field (${bytes.length} bytes)`,
        `Download or export ${name} again and compare its size or checksum with the source.`,
        { cause: error },
      );
    }
    return new LabError('input', `${path} is a corrupt ONNX model: ${reason}`, `Export or download ${name} again.`, { cause: error });
  }
  return notOnnx(path, bytes, error);
}

function notOnnx(path: string, bytes: Buffer, cause?: unknown): LabError {
  const known = recognizeNonOnnx(bytes.subarray(0, 64));
  const what = known ? `it looks like ${known.kind}` : 'it does not decode as an ONNX ModelProto';
  return new LabError(
    'input',
    `${path} is not an ONNX model: ${what}`,
    known?.hint ?? 'Pass an .onnx file exported from your framework (e.g. torch.onnx.export, tf2onnx, or a model hub\'s ONNX export).',
    cause === undefined ? undefined : { cause },
  );
}

/** protobuf decodes many byte strings without error; a real model has these three fields. */
function checkModel(path: string, bytes: Buffer, model: ModelProto): GraphProto {
  if (model.irVersion <= 0n) throw notOnnx(path, bytes);
  if (!model.graph) {
    throw new LabError('input', `${path} has no graph: it is an ONNX ModelProto with nothing to run`, 'Export the model again; a file holding only metadata or functions cannot be benchmarked.');
  }
  // A graph with no nodes runs nothing: its outputs, if any, are its inputs passed through. ONNX
  // Runtime fails on it with an internal message ("OrtValue indexes should have been populated"),
  // or times a copy; neither measures a model.
  if (model.graph.node.length === 0) {
    const io = `${model.graph.input.length} input${model.graph.input.length === 1 ? '' : 's'}, ${model.graph.output.length} output${model.graph.output.length === 1 ? '' : 's'}`;
    throw new LabError('input', `${path} has an empty graph: no nodes (${io}), so there is nothing to run or measure`, 'Export the model again; an exporter that traced no operations, or a file holding only the graph\'s signature, leaves an empty graph.');
  }
  if (model.opsetImport.length === 0) {
    throw new LabError('input', `${path} declares no opset (opset_import is empty), so its operators cannot be resolved`, 'The file may be truncated or written by a broken exporter; export it again with an explicit opset_version.');
  }
  return model.graph;
}
