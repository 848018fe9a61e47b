import { LabError } from '../api/errors.js';
import { ImagesInputsSchema, ResizeModeSchema, type ImagesInputs } from '../api/run-spec.js';

/**
 * The image preprocessing flags, as node:util parseArgs options, shared by `bench`, `eval` and
 * anything else that takes `--images`. Spread them into a command's options.
 */
export const imageFlagOptions = {
  images: { type: 'string', multiple: true },
  resize: { type: 'string' },
  'pad-value': { type: 'string' },
  'channel-order': { type: 'string' },
  layout: { type: 'string' },
  normalize: { type: 'string' },
  scale: { type: 'string' },
  mean: { type: 'string' },
  std: { type: 'string' },
  'image-dtype': { type: 'string' },
  'image-size': { type: 'string' },
} as const;

export const imageFlagsHelp = `Images (preprocessing is saved in the run spec)
  --images PATH           an image, a folder (recursive) or a text file of paths (repeatable)
  --resize MODE           stretch (default), letterbox (keep aspect, pad) or center-crop (shorter side, crop)
  --pad-value N           letterbox padding, 0–255 (default 114)
  --channel-order ORDER   rgb (default) or bgr
  --layout LAYOUT         nchw (default) or nhwc
  --normalize PRESET      unit: p/255 (default) · imagenet: (p/255 − mean) / std, torchvision's · symmetric: p/127.5 − 1 · raw: p
  --scale S               multiply pixels by S (1/255 or 0.00392…); overrides the preset
  --mean R,G,B            subtract after scaling, per output channel; overrides the preset
  --std R,G,B             divide after subtracting; overrides the preset
  --image-dtype DTYPE     float32 (default), float16 or uint8 (pixels as they are)
  --image-size HxW        height and width when the model leaves them symbolic
`;

const presets: Record<string, Pick<ImagesInputs, 'scale' | 'mean' | 'std'>> = {
  unit: { scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] },
  imagenet: { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
  symmetric: { scale: 1 / 127.5, mean: [1, 1, 1], std: [1, 1, 1] },
  raw: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
};

export interface ImageFlagValues {
  images?: string[] | undefined;
  resize?: string | undefined;
  'pad-value'?: string | undefined;
  'channel-order'?: string | undefined;
  layout?: string | undefined;
  normalize?: string | undefined;
  scale?: string | undefined;
  mean?: string | undefined;
  std?: string | undefined;
  'image-dtype'?: string | undefined;
  'image-size'?: string | undefined;
}

/** Parsed flags → the `images` inputs of a RunSpec; undefined when no --images was given. */
export function imageFlagsToSpec(v: ImageFlagValues, paths: readonly string[] | undefined = v.images): ImagesInputs | undefined {
  if (!paths || paths.length === 0) {
    const stray = Object.keys(imageFlagOptions).find((k) => k !== 'images' && v[k as keyof ImageFlagValues] !== undefined);
    if (stray) throw new LabError('usage', `--${stray} sets image preprocessing, but no --images were given.`, 'Add --images PATH (an image, a folder or a list file).');
    return undefined;
  }
  const preset = v.normalize === undefined ? presets.unit : presets[v.normalize];
  if (!preset) throw new LabError('usage', `--normalize ${v.normalize}: not one of ${Object.keys(presets).join(', ')}.`);
  return ImagesInputsSchema.parse({
    kind: 'images',
    paths: [...paths],
    resize: v.resize === undefined ? 'stretch' : choice('--resize', v.resize, ResizeModeSchema.options),
    ...(v['pad-value'] !== undefined ? { padValue: byte('--pad-value', v['pad-value']) } : {}),
    channelOrder: v['channel-order'] === undefined ? 'rgb' : choice('--channel-order', v['channel-order'], ['rgb', 'bgr'] as const),
    layout: v.layout === undefined ? 'nchw' : choice('--layout', v.layout, ['nchw', 'nhwc'] as const),
    scale: v.scale === undefined ? preset.scale : positiveNumber('--scale', v.scale),
    mean: v.mean === undefined ? preset.mean : triple('--mean', v.mean),
    std: v.std === undefined ? preset.std : triple('--std', v.std, true),
    dtype: v['image-dtype'] === undefined ? 'float32' : choice('--image-dtype', v['image-dtype'], ['float32', 'float16', 'uint8'] as const),
    ...(v['image-size'] !== undefined ? { size: imageSize(v['image-size']) } : {}),
  });
}

function choice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const lower = value.toLowerCase();
  if (!(allowed as readonly string[]).includes(lower)) throw new LabError('usage', `${flag} ${value}: not one of ${allowed.join(', ')}.`);
  return lower as T;
}

/** A number or a fraction such as 1/255. */
function positiveNumber(flag: string, value: string): number {
  const m = /^\s*([\d.eE+-]+)\s*(?:\/\s*([\d.eE+-]+))?\s*$/.exec(value);
  const n = m ? Number(m[1]) / (m[2] === undefined ? 1 : Number(m[2])) : Number.NaN;
  if (!(n > 0) || !Number.isFinite(n)) throw new LabError('usage', `${flag} ${value}: expected a positive number or a fraction such as 1/255.`);
  return n;
}

function triple(flag: string, value: string, positive = false): [number, number, number] {
  const parts = value.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || (positive && !(n > 0)))) {
    throw new LabError('usage', `${flag} ${value}: expected three ${positive ? 'positive ' : ''}numbers R,G,B, e.g. ${flag} ${positive ? '0.229,0.224,0.225' : '0.485,0.456,0.406'}.`, 'Values are in the scaled range (after --scale), in output channel order.');
  }
  return parts as [number, number, number];
}

function byte(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new LabError('usage', `${flag} ${value}: expected a whole number 0–255.`);
  return n;
}

function imageSize(value: string): [number, number] {
  const m = /^\s*(\d+)\s*[x×]\s*(\d+)\s*$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new LabError('usage', `--image-size ${value}: expected HEIGHTxWIDTH, e.g. --image-size 224x224.`);
  return [Number(m[1]), Number(m[2])];
}
