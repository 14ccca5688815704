// The desk's side column (desk.css, from 1000px) scrolls by itself when its sections are taller
// than the screen, and a page opened with the column at its top: on a System Manager's last
// sections (Alerts, Institution, Audit log) the link marked as the page on screen was out of
// view. Run right after the column, before the page is painted, this scrolls the column (not the
// page) so that link is in view. Nothing else changes: focus and the Tab order stay as they are.
// A phone's menu is closed on load and opens in the page's flow: nothing to do there.
(() => {
  const menu = document.querySelector('.desk-menu');
  const link = menu?.querySelector('a[aria-current="page"]');
  if (!link) return;
  const l = link.getBoundingClientRect();
  const m = menu.getBoundingClientRect();
  if (l.height === 0 || (l.top >= m.top && l.bottom <= m.bottom)) return; // hidden, or in view
  const x = scrollX;
  const y = scrollY;
  link.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant', container: 'nearest' });
  if (scrollX !== x || scrollY !== y) scrollTo(x, y); // a browser without `container` scrolls the page too
})();
