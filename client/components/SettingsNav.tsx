import { NavLink } from 'react-router-dom';
import { SETTINGS_PAGES, settingsPath } from '../pages/settings/settingsPages.js';

/**
 * The side navigation between a board's settings pages (the GOV.UK "sub navigation" pattern): a list of
 * links, the current one marked with aria-current="page" (NavLink sets it), which screen readers announce.
 */
export function SettingsNav({ boardId }: { boardId: string }) {
  return (
    <nav className="sub-navigation" aria-label="Board settings">
      <ul className="sub-navigation__list">
        {SETTINGS_PAGES.map((page) => (
          <li className="sub-navigation__item" key={page.path}>
            <NavLink
              to={settingsPath(boardId, page.path)}
              end
              className={({ isActive }) => (isActive ? 'sub-navigation__link sub-navigation__link--current' : 'sub-navigation__link')}
            >
              {page.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
