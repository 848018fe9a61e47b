import { LabError } from '../api/errors.js';
import type { ExecutionProvider } from '../api/run-spec.js';

/** What each provider needs, said where the user meets the failure. */
const providerAdvice: Record<ExecutionProvider, string> = {
  cpu: 'The CPU provider ships with onnxruntime-node; reinstall dependencies with `npm install`.',
  cuda:
    'The CUDA provider needs an NVIDIA GPU, CUDA 12 and cuDNN 9, and its provider libraries, which ' +
    '`npm install` skips by default. Install them with `npm run install:cuda` (see "GPU providers" in the README).',
  tensorrt:
    'The TensorRT provider needs the CUDA provider libraries (`npm run install:cuda`) plus TensorRT 10 ' +
    'on the library path.',
  webgpu: 'The WebGPU provider needs a GPU with a Vulkan (Linux), Metal (macOS) or D3D12 (Windows) driver.',
  dml: 'DirectML is only in Windows builds of onnxruntime-node.',
  coreml: 'CoreML is only in macOS builds of onnxruntime-node.',
  qnn: 'QNN is only in Windows-on-Arm builds of onnxruntime-node with a Qualcomm NPU.',
  xnnpack: 'This onnxruntime-node build does not include XNNPACK.',
};

export function adviceFor(provider: ExecutionProvider): string {
  return providerAdvice[provider];
}

/** ONNX Runtime's message, first line only, without the source path noise of native asserts. */
export function shortOrtMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const firstLine = raw.split('\n')[0] ?? raw;
  // Native asserts read "<file>:<line> <function> <condition> was false. <what happened>": keep the last part.
  const afterAssert = firstLine.includes(' was false. ') ? firstLine.slice(firstLine.lastIndexOf(' was false. ') + 11) : firstLine;
  return afterAssert.replace(/^\/onnxruntime_src\/\S+\s+/, '').slice(0, 400);
}

export function providerUnavailable(provider: ExecutionProvider, cause: unknown): LabError {
  return new LabError(
    'unavailable',
    `Execution provider '${provider}' does not start on this machine: ${shortOrtMessage(cause)}`,
    `${adviceFor(provider)} Run \`edgelab providers\` to see which providers start here; edgelab never falls back to CPU silently.`,
    { cause },
  );
}

/** Classifies an error from InferenceSession.create on a user's model. */
export function sessionCreateError(modelPath: string, providers: readonly ExecutionProvider[], e: unknown): LabError {
  const message = shortOrtMessage(e);
  const first = providers[0] ?? 'cpu';
  if (/backend not found|Failed to load shared library|adapter|providers_shared|no available backend/i.test(message)) {
    return providerUnavailable(first, e);
  }
  if (/opset|domain_version|is under development|ONNX Runtime only \*guarantees\*/i.test(message)) {
    return new LabError(
      'input',
      `${modelPath}: the model's opset is not supported by this ONNX Runtime build: ${message}`,
      'Re-export the model with an opset this ONNX Runtime supports (opset 7–23 for 1.30), e.g. torch.onnx.export(..., opset_version=17).',
      { cause: e },
    );
  }
  if (/Could not find an implementation|NOT_IMPLEMENTED/i.test(message)) {
    return new LabError(
      'input',
      `${modelPath}: an operator in the model has no kernel for the requested providers: ${message}`,
      'Check the op and its type in `edgelab inspect`; re-export with a different opset, or try another provider.',
      { cause: e },
    );
  }
  if (/Protobuf parsing failed|INVALID_PROTOBUF|Load model .* failed|INVALID_GRAPH|ModelProto/i.test(message)) {
    return new LabError(
      'input',
      `${modelPath}: ONNX Runtime cannot load this model: ${message}`,
      'Check the file is a complete .onnx export (`edgelab inspect` shows what can be read), and that external data files sit beside it.',
      { cause: e },
    );
  }
  return new LabError('runtime', `${modelPath}: ONNX Runtime failed to create a session: ${message}`, undefined, { cause: e });
}
