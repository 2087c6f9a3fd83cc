import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App, createRouter } from './App.js';
import { createSessionStore } from './session/sessionStore.js';
import './styles/index.css';

// zod's fast path compiles validators with `new Function`, which our CSP (no 'unsafe-eval') refuses and reports.
// Going jitless skips even the feature test, so the console stays free of CSP violations.
z.config({ jitless: true });

// Composition root: one session store and one router for the life of the page.
const sessionStore = createSessionStore();
// Ask who is signed in straight away; pages wait for the answer where they need it.
sessionStore.refresh().catch((error: unknown) => console.error('Could not load the session', error));

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App sessionStore={sessionStore} router={createRouter()} />
  </StrictMode>,
);
