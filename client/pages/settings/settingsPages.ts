/**
 * The pages of a board's settings (issue 14): one job each, at stable addresses under
 * /boards/:boardId/settings. The order is the side navigation's; destructive work (archive) comes last.
 */
export interface SettingsPageInfo {
  /** The path under `/boards/:boardId/settings` ('' for the first page). */
  path: string;
  /** Its name in the side navigation. */
  label: string;
  /** Its h1. */
  heading: string;
}

export const SETTINGS_PAGES: readonly SettingsPageInfo[] = [
  { path: '', label: 'Details', heading: 'Details' },
  { path: 'links', label: 'Invitation links and QR codes', heading: 'Invitation links and QR codes' },
  { path: 'people', label: 'People', heading: 'People who joined' },
  { path: 'officers', label: 'Officers', heading: 'Officers of this board' },
  { path: 'export', label: 'Export', heading: 'Export the record' },
  { path: 'archive', label: 'Archive', heading: 'Archive or restore' },
];

/** The address of one settings page of a board. */
export function settingsPath(boardId: string, page: string = ''): string {
  const base = `/boards/${encodeURIComponent(boardId)}/settings`;
  return page === '' ? base : `${base}/${page}`;
}
