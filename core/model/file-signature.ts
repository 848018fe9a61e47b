/**
 * What a file that failed to decode as ONNX probably is, from its first bytes, so the error can say
 * "this is a PyTorch checkpoint" instead of "protobuf error". Null when nothing is recognised.
 */
export function recognizeNonOnnx(head: Uint8Array): { kind: string; hint?: string } | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  const ascii = (offset: number, text: string) =>
    [...text].every((c, i) => head[offset + i] === c.charCodeAt(0));

  if (starts(0xff, 0xd8, 0xff)) return { kind: 'a JPEG image' };
  if (starts(0x89, 0x50, 0x4e, 0x47)) return { kind: 'a PNG image' };
  if (ascii(0, 'PK\x03\x04')) {
    return {
      kind: 'a ZIP archive (PyTorch saves .pt/.pth checkpoints this way)',
      hint: 'If it is a PyTorch checkpoint, export it with torch.onnx.export(model, example_input, "model.onnx") and pass the .onnx file.',
    };
  }
  if (ascii(4, 'TFL3')) return { kind: 'a TensorFlow Lite model', hint: 'Convert it to ONNX first, e.g. with tf2onnx (python -m tf2onnx.convert --tflite model.tflite --output model.onnx).' };
  if (ascii(1, 'HDF')) return { kind: 'an HDF5 file (a Keras .h5 model?)', hint: 'Convert it to ONNX first, e.g. with tf2onnx.' };
  if (starts(0x80) && head[1] !== undefined && head[1] <= 5) return { kind: 'a Python pickle', hint: 'If it is a PyTorch model, export it with torch.onnx.export and pass the .onnx file.' };
  if (starts(0x1f, 0x8b)) return { kind: 'a gzip archive', hint: 'Unpack it and pass the .onnx file inside.' };
  if (looksLikeText(head)) {
    return { kind: 'a text file', hint: 'An .onnx model is binary protobuf; a text file here is often a Git LFS pointer or an HTML error page saved in place of the download.' };
  }
  return null;
}

function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let printable = 0;
  for (const b of head) {
    if (b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b >= 0x80) printable++;
    else return false;
  }
  return printable === head.length;
}

/**
 * Whether the bytes begin the way ONNX models do: every exporter writes ir_version (field 1,
 * varint) first, and IR versions are small. Used to tell a truncated model from another file.
 */
export function startsLikeOnnx(head: Uint8Array): boolean {
  const irVersion = head[1];
  return head[0] === 0x08 && irVersion !== undefined && irVersion >= 1 && irVersion <= 30;
}
