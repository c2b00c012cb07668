// Boot: log in if needed, then one SSE stream feeds the store and the store feeds the view.
import { render } from 'preact';
import { api } from './api.js';
import { App } from './components/App.js';
import { Login } from './components/Login.js';
import { connectEvents } from './events.js';
import { createStore } from './store.js';

/** What the Electron preload hands us (absent in a browser). */
interface Shell {
  apiToken?: string;
  openZoomLink?(url: string): void;
}
const shell = (window as unknown as { zoomSessions?: Shell }).zoomSessions;
const root = document.getElementById('app')!;
let stop: (() => void) | null = null;

async function boot(): Promise<void> {
  stop?.();
  let loggedIn = false;
  try {
    loggedIn = await api.loggedIn();
    if (!loggedIn && shell?.apiToken) {
      await api.login(shell.apiToken);
      loggedIn = true;
    }
  } catch {
    // The service is not answering yet: the store shows "reconnecting" and retries.
    loggedIn = true;
  }
  if (!loggedIn) {
    render(<Login onDone={() => void boot()} />, root);
    return;
  }
  const store = createStore();
  const ticker = setInterval(store.tick, 1000);
  const close = connectEvents(store, () => void boot());
  stop = () => {
    clearInterval(ticker);
    close();
  };
  render(<App store={store} openLink={shell?.openZoomLink ? (url) => shell.openZoomLink!(url) : undefined} />, root);
}

void boot();
