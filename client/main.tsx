// First: it switches zod to jitless mode before any schema is built (see zodConfig.ts).
import './zodConfig.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createRouter } from './App.js';
import { loadRequestSchemas } from './forms/requestSchemas.js';
import { ApiError } from './net/http.js';
import { createSessionStore } from './session/sessionStore.js';
import './styles/index.css';

// Composition root: one session store and one router for the life of the page.
const sessionStore = createSessionStore();
// Ask who is signed in straight away; pages wait for the answer where they need it.
// No answer at all (a phone reloading the board page offline, issue 14) is not an error: the page says it is offline.
sessionStore.refresh().catch((error: unknown) => {
  if (!(error instanceof ApiError && error.status === 0)) console.error('Could not load the session', error);
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App sessionStore={sessionStore} router={createRouter()} />
  </StrictMode>,
);

// The forms' shared schemas (zod) are not in the first download: fetch them once the first page is on
// screen, so a form sent a few seconds later does not wait for them. A failure here is retried on submit.
// A join link's page fetches them (and the wall's code) itself once its form is on screen: on a slow
// venue link, bulk downloads started now would queue ahead of the form's own request.
setTimeout(() => {
  if (!window.location.pathname.startsWith('/join/')) loadRequestSchemas().catch(() => undefined);
}, 0);

// A page's code could not be fetched. After a new release the old hashed files are gone, and this tab
// still has the old index.html: load the new one (once a minute at most, and only when online, so an
// offline phone keeps its page and the route's error page explains instead).
window.addEventListener('vite:preloadError', (event) => {
  const lastReload = Number(sessionStorage.getItem('oiw-reloaded-for-new-release') ?? '0');
  if (!navigator.onLine || Date.now() - lastReload < 60_000) return;
  event.preventDefault();
  sessionStorage.setItem('oiw-reloaded-for-new-release', String(Date.now()));
  window.location.reload();
});
