/**
 * Registers the app shell's service worker (see appShellWorker.js), so this board page can be reloaded with
 * no network at all. Only from the board page (the home and join pages stay as they are) and only in a
 * build: in `vite` dev there is no /sw.js. Best effort: without a worker the wall still works online.
 */
export function registerAppShellWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
    console.warn('The page could not be made available offline', error);
  });
}
