// react-aria keeps its screen-reader announcer (a role="log" element) outside #root, so unmounting
// the screens does not empty it; it can still hold, say, the last value of a number field. The module
// is under react-aria's "private" export path because the public index leaves it out.
import { destroyAnnouncer } from 'react-aria/private/live-announcer/LiveAnnouncer';

/**
 * Removes what the page holds outside React's tree, so a locked window shows and keeps nothing from
 * the screen before. React unmounting the screens handles everything inside #root.
 */
export function scrubPageOutsideRoot(): void {
  destroyAnnouncer();
  for (const el of [...document.body.children]) {
    // Anything else a library may have appended (a stray download link, a portal) goes too.
    if (el.id !== 'root' && el.tagName !== 'SCRIPT') el.remove();
  }
}
