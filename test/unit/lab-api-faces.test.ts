import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { labMethods } from '../../core/api/lab-requests.js';

// Both faces reach the same LabApi: the Electron preload and the browser's HTTP client each call
// every method by the name the request schemas (and so the server's and IPC's dispatch) know.
// TypeScript already makes both implement the interface; this pins the wire names to the schemas.
test('the preload and the HTTP client call every LabApi method by its schema name', () => {
  const preload = readFileSync(new URL('../../electron/preload.cts', import.meta.url), 'utf8');
  const http = readFileSync(new URL('../../renderer/src/lab-client/http-lab-client.ts', import.meta.url), 'utf8');
  const called = (source: string) => new Set([...source.matchAll(/call(?:<[^>]*>)?\('([A-Za-z]+)'/g)].map((m) => m[1]));
  const methods = [...labMethods];
  expect([...called(preload)].sort()).toEqual([...methods].sort());
  expect([...called(http)].sort()).toEqual([...methods].sort());
});
