import type { ProviderStatus } from '../api/providers.js';
import { column, textTable } from './table.js';

/** The `edgelab providers` table: which execution providers this build lists, which start here, and why not. */
export function formatProviders(statuses: readonly ProviderStatus[]): string {
  const rows = statuses.map((s) => [
    s.name,
    s.inBuild ? (s.bundled ? 'bundled' : 'separate install') : '-',
    s.starts ? 'starts' : s.inBuild ? 'fails to start' : 'not in build',
    s.probeMs === null ? '' : `${s.probeMs.toFixed(0)} ms`,
    s.reason ?? '',
  ]);
  const table = textTable({ columns: [column('provider'), column('in build'), column('here'), column('probe', 'right'), column('reason')], rows });
  const advice = statuses.filter((s) => s.inBuild && !s.starts && s.advice).map((s) => `  ${s.name}: ${s.advice}`);
  return [table, ...(advice.length ? ['', 'To enable:', ...advice] : [])].join('\n');
}
