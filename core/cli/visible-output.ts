import { visibleText } from '../present/visible-text.js';

const RAW = Symbol('raw stream');

/**
 * A stream whose written strings pass through visibleText: whatever a command prints (labels, tags,
 * notes, a model's input names, paths, error messages quoting them) reaches the terminal as text,
 * never as an escape it obeys. Done once, here, so no formatter can forget it. edgelab's own output
 * holds no control characters, and JSON keeps its meaning: \uXXXX is JSON's own escape. The progress
 * bar, which draws with ESC [2K on purpose, writes to `rawStream`.
 */
export function visibleOutput<S extends NodeJS.WritableStream>(stream: S): S {
  return new Proxy(stream, {
    get(target, prop) {
      if (prop === RAW) return target;
      if (prop === 'write') {
        return (chunk: unknown, ...rest: unknown[]) =>
          (target.write as (...args: unknown[]) => boolean)(typeof chunk === 'string' ? visibleText(chunk) : chunk, ...rest);
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The stream under visibleOutput, for output that draws with control sequences of its own. */
export function rawStream<S extends NodeJS.WritableStream>(stream: S): S {
  return ((stream as unknown as Record<symbol, unknown>)[RAW] as S | undefined) ?? stream;
}
