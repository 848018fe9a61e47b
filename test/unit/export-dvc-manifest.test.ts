import { describe, expect, it } from 'vitest';
import { manifestText, parseManifest, sha256Hex } from '../../core/export/dvc/export-manifest.js';

const hash = 'a'.repeat(64);
const manifest = (files: Record<string, string>, extra: Record<string, unknown> = {}) =>
  Buffer.from(JSON.stringify({ written_by: 'edgelab export dvc', manifest_version: 1, files, ...extra }));

describe('the DVC export manifest names only files an export writes', () => {
  it('round-trips, with the SHA-256 of each file and keys in one order whatever the insertion order', () => {
    const files = new Map([['params.yaml', Buffer.from('b')], ['dvc.yaml', Buffer.from('a')], ['metrics/x-cpu.json', Buffer.from('{}')]]);
    const text = manifestText(files);
    expect(text).toBe(manifestText(new Map([...files].reverse())));
    expect(Object.keys((JSON.parse(text) as { files: object }).files)).toEqual(['dvc.yaml', 'metrics/x-cpu.json', 'params.yaml']);
    expect(parseManifest(Buffer.from(text), 'm.json')).toEqual(new Map([...files].map(([f, b]) => [f, sha256Hex(b)])));
  });

  it('accepts every shape of file an export writes', () => {
    const shapes = ['dvc.yaml', 'params.yaml', 'metrics/tiny-one_thread.v2.json', 'plots/a-cpu/latency.tsv', 'plots/a-cpu/latency-cdf.tsv', 'plots/templates/edgelab-latency-cdf.json'];
    expect([...parseManifest(manifest(Object.fromEntries(shapes.map((s) => [s, hash]))), 'm.json').keys()]).toEqual(shapes);
  });

  it.each([
    ['a path out of the folder', { '../evidence/ledger.jsonl': hash }],
    ['a path through ..', { 'metrics/../../evidence/ledger.jsonl': hash }],
    ['an absolute path', { '/work/ws/ledger.jsonl': hash }],
    ['a workspace-shaped path', { 'runs/20261206T101010Z-abcdef.json': hash }],
    ['a run key of ..', { 'plots/../latency.tsv': hash }],
    ['a hidden file', { 'metrics/.x.json': hash }],
    ['a hash that is not SHA-256 hex', { 'dvc.yaml': 'abc' }],
  ])('refuses %s (nothing is removed on its word)', (_what, files) => {
    expect(() => parseManifest(manifest(files), '/r/perf/edgelab-export.json')).toThrow(/\/r\/perf\/edgelab-export\.json is not a manifest edgelab wrote .*nothing was written or removed/);
  });

  it('refuses another tool\'s JSON, a later version, and text that is not JSON', () => {
    expect(() => parseManifest(manifest({}, { written_by: 'someone else' }), 'm.json')).toThrow(/written_by/);
    expect(() => parseManifest(manifest({}, { manifest_version: 2 }), 'm.json')).toThrow(/manifest_version/);
    expect(() => parseManifest(Buffer.from('{"files":'), 'm.json')).toThrow(/not a manifest edgelab wrote/);
  });
});
