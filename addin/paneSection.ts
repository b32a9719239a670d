/**
 * Which part of the task pane a ribbon button opened. The manifest's ShowTaskpane buttons point
 * at `taskpane.html?section=<name>` (all in one pane container, Mosavabat.Taskpane); the pane
 * reads the name once when it loads. Office adds its own query parameters (`_host_Info=…`) after
 * ours, so the value is read with URLSearchParams, never by position. A hash is not used:
 * Office.js replaces history.pushState/replaceState and owns the page's navigation.
 */

/** The sections a ribbon button may ask for; anything else opens the pane's start. */
export const PANE_SECTIONS = ['validate', 'summary', 'minutes'] as const;

export type PaneSection = (typeof PANE_SECTIONS)[number] | 'start';

/**
 * The section named in a page's query string (`location.search`, with or without the `?`).
 * @returns 'start' when none or an unknown one is named
 */
export function paneSection(search: string): PaneSection {
  const name = new URLSearchParams(search).get('section');
  return (PANE_SECTIONS as readonly string[]).includes(name ?? '') ? (name as PaneSection) : 'start';
}
