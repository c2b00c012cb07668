// Boot: log in if needed, then one SSE stream feeds the store and the store feeds the view.
import { render } from 'preact';
import { api } from './api.js';
import { App } from './components/App.js';
import { Login } from './components/Login.js';
import { connectEvents } from './events.js';
import { createStore } from './store.js';
import type { ZoomSessionsBridge } from '../../shared/ipc-contract.js';

/** What the Electron preload hands us (absent in a browser). */
const shell = (window as unknown as { zoomSessions?: ZoomSessionsBridge }).zoomSessions;
const root = document.getElementById('app')!;
let stop: (() => void) | null = null;

async function boot(): Promise<void> {
  stop?.();
  let loggedIn = false;
  try {
    loggedIn = await api.loggedIn();
    if (!loggedIn && shell) {
      // The desktop window never holds a token: the main process opens it logged in again.
      await shell.relogin();
      return;
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
  render(<App store={store} shell={shell} />, root);
}

void boot();
