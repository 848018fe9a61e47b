import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { IpcChannel } from '../../electron/ipc-channels.js';

// The sandboxed preload cannot import ipc-channels.ts, so it spells the channels out; they must agree.
test('the preload uses exactly the channels main handles', () => {
  const preload = readFileSync(new URL('../../electron/preload.cts', import.meta.url), 'utf8');
  const spelled = [...preload.matchAll(/'(lab:[a-z-]+)'/g)].map((m) => m[1]).sort();
  expect(spelled).toEqual(Object.values(IpcChannel).sort());
});
