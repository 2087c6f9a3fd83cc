import { Outlet } from 'react-router-dom';

/** For the room's big screen: no header or footer, just the content, edge to edge. */
export function ScreenLayout() {
  return (
    <main className="screen" id="main-content" tabIndex={-1}>
      <Outlet />
    </main>
  );
}
