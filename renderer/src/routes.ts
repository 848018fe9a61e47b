/**
 * Every screen and every run has an address in the URL's hash (`#/results/<run id>`), so back and
 * forward move between screens, a run can be linked from anywhere (ladder evidence, compare,
 * sweeps), and a reload lands where it was. The hash, not the path: `edgelab serve` serves one page
 * and Electron loads one file, and neither has to know the routes.
 */
export const SCREENS = [
  { id: 'models', title: 'Models' },
  { id: 'graph', title: 'Graph' },
  { id: 'run', title: 'Run' },
  { id: 'results', title: 'Results' },
  { id: 'history', title: 'History' },
  { id: 'compare', title: 'Compare' },
  { id: 'fleet', title: 'Fleet' },
  { id: 'tradeoff', title: 'Tradeoff' },
  { id: 'trace', title: 'Trace' },
  { id: 'images', title: 'Images' },
  { id: 'suites', title: 'Suites' },
  { id: 'import', title: 'Import' },
  { id: 'ladder', title: 'Ladder' },
  { id: 'brief', title: 'Brief' },
  { id: 'hardware', title: 'Hardware' },
] as const;
export type ScreenId = (typeof SCREENS)[number]['id'];

export interface Route {
  screen: ScreenId;
  /** The run a screen shows: Results, the Graph's profile overlay. */
  runId?: string;
  /** The runs Compare shows, in order. */
  runIds?: string[];
  /** Screen state worth a URL: History's search, sort and page. */
  query: Record<string, string>;
}

const screenIds = new Set<string>(SCREENS.map((s) => s.id));
/** Run ids are `20261124T040112Z-3f9a1c`-like; anything else in a URL is not passed to the API. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [pathPart = '', queryPart = ''] = text.split('?', 2);
  const [first = '', ...rest] = pathPart.split('/').filter((p) => p !== '').map(safeDecode);
  const query = Object.fromEntries(new URLSearchParams(queryPart));
  if (!screenIds.has(first)) return { screen: 'models', query };
  const screen = first as ScreenId;
  const tail = rest.join('/');
  if (screen === 'compare') {
    const runIds = tail.split(',').map((id) => id.trim()).filter((id) => RUN_ID.test(id));
    return { screen, runIds, query };
  }
  if ((screen === 'results' || screen === 'graph' || screen === 'trace' || screen === 'images') && RUN_ID.test(tail)) return { screen, runId: tail, query };
  return { screen, query };
}

export function routeHref(route: Partial<Route> & { screen: ScreenId }): string {
  let path = `#/${route.screen}`;
  if (route.screen === 'compare' && route.runIds && route.runIds.length > 0) path += `/${route.runIds.map(encodeURIComponent).join(',')}`;
  else if (route.runId) path += `/${encodeURIComponent(route.runId)}`;
  const query = Object.entries(route.query ?? {}).filter(([, v]) => v !== '');
  return query.length > 0 ? `${path}?${new URLSearchParams(query).toString()}` : path;
}

export const runHref = (runId: string): string => routeHref({ screen: 'results', runId });

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
