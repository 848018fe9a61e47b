import { useCallback, useEffect, useRef, useState } from 'react';
import type { ModelInfo } from '../../core/api/model-info.js';
import type { RunRecord } from '../../core/api/run-record.js';
import type { DesktopLab } from './lab-client/desktop-lab.js';
import { LabContext } from './lab-context.js';
import { CompareScreen } from './screens/compare-screen.js';
import { FleetScreen } from './screens/fleet-screen.js';
import { TradeoffScreen } from './screens/tradeoff-screen.js';
import { GraphScreen } from './screens/graph-screen.js';
import { HardwareScreen } from './screens/hardware-screen.js';
import { HistoryScreen } from './screens/history-screen.js';
import { ImportScreen } from './screens/import-screen.js';
import { LadderScreen } from './screens/ladder-screen.js';
import { BriefScreen } from './screens/brief-screen.js';
import { ModelsScreen } from './screens/models-screen.js';
import { ResultsScreen } from './screens/results-screen.js';
import { RunScreen } from './screens/run-screen.js';
import { SuitesScreen } from './screens/suites-screen.js';
import { TraceScreen } from './screens/trace-screen.js';
import { ImagesScreen } from './screens/images-screen.js';
import { routeHref, SCREENS, type ScreenId } from './routes.js';
import { useRoute } from './use-route.js';

const MODEL_KEY = 'edgelab.model';

export function App({ lab }: { lab: DesktopLab }) {
  // The screen and the run it shows live in the URL's hash (renderer/src/routes.ts).
  const [route, navigate] = useRoute();
  const screen = route.screen;
  const setScreen = useCallback((id: ScreenId) => navigate({ screen: id }), [navigate]);
  const [model, setModel] = useState<ModelInfo | null>(null);
  const [record, setRecord] = useState<RunRecord | null>(null);

  // The open model survives a reload of the page (its path is kept for this tab and read again).
  useEffect(() => {
    const path = sessionStorage.getItem(MODEL_KEY);
    if (path) lab.inspectModel(path).then(setModel, () => sessionStorage.removeItem(MODEL_KEY));
  }, [lab]);
  useEffect(() => {
    if (model) sessionStorage.setItem(MODEL_KEY, model.path);
  }, [model]);

  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // A screen change moves focus to the new screen's heading, so keyboard and screen-reader users
  // land on what changed instead of staying on the tab; the first render leaves focus alone.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = [...(mainRef.current?.querySelectorAll('h1') ?? [])].find((h) => h.offsetParent !== null);
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }, [screen]);

  const showRecord = useCallback((r: RunRecord) => {
    setRecord(r);
    navigate({ screen: 'results', runId: r.id });
  }, [navigate]);

  return (
    <LabContext.Provider value={lab}>
      <a className="skip-link" href="#main">Skip to the screen</a>
      <header className="app-header">
        <span className="brand">edgelab</span>
        <nav aria-label="Screens">
          <ul className="tabs">
            {SCREENS.map((s) => (
              <li key={s.id}>
                <a className="tab" href={routeHref({ screen: s.id })} aria-current={screen === s.id ? 'page' : undefined}>
                  {s.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {model ? <span className="current-model" title={model.path}>{model.fileName}</span> : null}
      </header>
      <main id="main" ref={mainRef}>
        {screen === 'models' && <ModelsScreen model={model} onModel={setModel} onBenchmark={() => setScreen('run')} />}
        {/* Kept mounted while hidden, so a run in progress keeps its events and live chart. */}
        <div hidden={screen !== 'run'}>
          <RunScreen model={model} onDone={showRecord} onPickModel={() => setScreen('models')} />
        </div>
        {screen === 'results' && <ResultsScreen runId={route.runId ?? record?.id ?? null} cached={record} onRecord={setRecord} onPickRun={() => setScreen('history')} />}
        {screen === 'history' && <HistoryScreen query={route.query} onQuery={(query) => navigate({ screen: 'history', query }, { replace: true })} onCompare={(runIds) => navigate({ screen: 'compare', runIds })} />}
        {screen === 'graph' && <GraphScreen model={model} runId={route.runId ?? null} onPickModel={() => setScreen('models')} />}
        {screen === 'compare' && <CompareScreen runIds={route.runIds ?? []} onPickRuns={() => setScreen('history')} />}
        {screen === 'trace' && <TraceScreen runId={route.runId ?? (record && record.extras['profile'] !== undefined ? record.id : null)} />}
        {screen === 'images' && <ImagesScreen runId={route.runId ?? (record && record.extras['accuracyPass'] !== undefined ? record.id : null)} query={route.query} onQuery={(query) => navigate({ screen: 'images', ...(route.runId ? { runId: route.runId } : {}), query }, { replace: true })} />}
        {screen === 'fleet' && <FleetScreen />}
        {screen === 'tradeoff' && <TradeoffScreen />}
        {screen === 'suites' && <SuitesScreen />}
        {screen === 'import' && <ImportScreen />}
        {screen === 'ladder' && <LadderScreen />}
        {screen === 'brief' && <BriefScreen />}
        {screen === 'hardware' && <HardwareScreen />}
      </main>
    </LabContext.Provider>
  );
}
