import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { imageFlagOptions, imageFlagsToSpec } from '../../core/cli/image-flags.js';

const parse = (argv: string[]) => imageFlagsToSpec(parseArgs({ args: argv, options: imageFlagOptions, allowPositionals: true }).values);

describe('image preprocessing flags become the run spec', () => {
  it('fills defaults, applies presets and lets explicit values override them', () => {
    expect(parse(['--images', 'a.jpg'])).toEqual({
      kind: 'images', paths: ['a.jpg'], resize: 'stretch', padValue: 114, channelOrder: 'rgb', layout: 'nchw',
      scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1], dtype: 'float32',
    });
    expect(parse(['--images', 'd', '--images', 'l.txt', '--normalize', 'imagenet', '--std', '0.5,0.5,0.5', '--resize', 'letterbox', '--pad-value', '0', '--channel-order', 'bgr', '--layout', 'nhwc', '--image-dtype', 'float16', '--image-size', '320x240'])).toEqual({
      kind: 'images', paths: ['d', 'l.txt'], resize: 'letterbox', padValue: 0, channelOrder: 'bgr', layout: 'nhwc',
      scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.5, 0.5, 0.5], dtype: 'float16', size: [320, 240],
    });
    expect(parse(['--images', 'a.png', '--scale', '1/127.5'])?.scale).toBe(1 / 127.5);
    expect(parse([])).toBeUndefined();
  });

  it('names the flag and value that is wrong', () => {
    expect(() => parse(['--images', 'a', '--mean', '1,2'])).toThrow('--mean 1,2: expected three numbers R,G,B');
    expect(() => parse(['--images', 'a', '--resize', 'squash'])).toThrow('--resize squash: not one of stretch, letterbox, center-crop.');
    expect(() => parse(['--layout', 'nhwc'])).toThrow(LabError);
    expect(() => parse(['--images', 'a', '--image-size', '224'])).toThrow(/--image-size 224: expected HEIGHTxWIDTH/);
  });
});
