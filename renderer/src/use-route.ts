import { useCallback, useEffect, useState } from 'react';
import { parseRoute, routeHref, type Route, type ScreenId } from './routes.js';

/** The route in the hash, followed on back/forward; `navigate` pushes a history entry (or replaces it). */
export function useRoute(): [Route, (route: Partial<Route> & { screen: ScreenId }, options?: { replace?: boolean }) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const navigate = useCallback((next: Partial<Route> & { screen: ScreenId }, options: { replace?: boolean } = {}) => {
    const href = routeHref(next);
    if (href === location.hash) return;
    if (options.replace) {
      history.replaceState(null, '', href);
      setRoute(parseRoute(href));
    } else {
      location.hash = href;
    }
  }, []);
  return [route, navigate];
}
