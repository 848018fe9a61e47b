import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, runHref } from '../../renderer/src/routes.js';

describe('hash routes', () => {
  it('reads every screen, a run, a list of runs and a query, and writes them back the same', () => {
    expect(parseRoute('')).toEqual({ screen: 'models', query: {} });
    expect(parseRoute('#/history?q=det&sort=p99&dir=asc')).toEqual({ screen: 'history', query: { q: 'det', sort: 'p99', dir: 'asc' } });
    expect(parseRoute('#/results/20261130T021247Z-af2dbb')).toEqual({ screen: 'results', runId: '20261130T021247Z-af2dbb', query: {} });
    expect(parseRoute('#/graph/20261130T021247Z-af2dbb').runId).toBe('20261130T021247Z-af2dbb');
    expect(parseRoute('#/compare/a1,b2,c3').runIds).toEqual(['a1', 'b2', 'c3']);
    for (const hash of ['#/history?q=det&sort=p99&dir=asc', '#/results/r-1', '#/compare/a1,b2', '#/ladder']) expect(routeHref(parseRoute(hash))).toBe(hash);
    expect(runHref('r-1')).toBe('#/results/r-1');
  });

  it('sends an unknown screen to Models and never passes a malformed run id on', () => {
    expect(parseRoute('#/nowhere').screen).toBe('models');
    expect(parseRoute('#/results/..%2F..%2Fetc').runId).toBeUndefined();
    expect(parseRoute('#/compare/ok,%3Cscript%3E').runIds).toEqual(['ok']);
    expect(parseRoute('#/results/%E0%A4%A').screen).toBe('results');
  });
});
