import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';

export interface HeaderNavigationItem {
  to: string;
  label: string;
  current: boolean;
}

/**
 * How many items fit on the row, as nhsuk-frontend's header script decides (v10 header.mjs, updateNavigation): all of
 * them when their widths add up to no more than the list's; otherwise those that end within the list's width less the
 * More toggle's.
 */
export function itemsInRow(available: number, itemWidths: number[], toggleWidth: number): number {
  const rights: number[] = [];
  itemWidths.reduce((right, width) => {
    rights.push(right + width);
    return right + width;
  }, 0);
  if (rights.every((right) => right <= available)) return itemWidths.length;
  const room = available - toggleWidth;
  const fitting = rights.findIndex((right) => right > room);
  return fitting === -1 ? itemWidths.length : fitting;
}

/**
 * The header's Menu in nhsuk-frontend 10's markup: the items that do not fit on one row go into a drop-down under a
 * More toggle, as the design system's script does it. That script moves DOM nodes, which React owns here, so the split
 * is worked out from a hidden copy of the row (each item at its width in the row, wherever it is shown) and rendered.
 * Where nothing can be measured (no ResizeObserver, or no layout as in jsdom) every item is shown on a row that wraps.
 */
export function HeaderNavigation({ items }: { items: HeaderNavigationItem[] }) {
  const location = useLocation();
  const navigation = useRef<HTMLElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const copy = useRef<HTMLUListElement>(null);
  const menu = useRef<HTMLLIElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const menuList = useRef<HTMLUListElement>(null);
  const [inRow, setInRow] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [menuHeight, setMenuHeight] = useState(0);
  // What had the focus in the Menu when the split was last worked out (an item's index, or More), and the split shown.
  const focusBefore = useRef<number | 'toggle' | null>(null);
  const inRowBefore = useRef<number | null>(null);
  const canMeasure = typeof ResizeObserver !== 'undefined';
  const labels = items.map((item) => item.label).join('\n');

  useLayoutEffect(() => {
    const row = list.current;
    const measured = copy.current;
    if (!canMeasure || !row || !measured) return undefined;
    const measure = () => {
      const focus = document.activeElement;
      const index = [...row.querySelectorAll('a')].findIndex((link) => link === focus);
      focusBefore.current = focus !== null && focus === toggle.current ? 'toggle' : index === -1 ? null : index;
      const available = row.getBoundingClientRect().width;
      const widths = [...measured.children].map((child) => child.getBoundingClientRect().width);
      const toggleWidth = widths.pop() ?? 0;
      setInRow(available > 0 && toggleWidth > 0 && widths.every((width) => width > 0) ? itemsInRow(available, widths, toggleWidth) : null);
    };
    measure();
    // The row's width follows the window; the copy's follows the text (a web font arriving, zoom).
    const observer = new ResizeObserver(measure);
    observer.observe(row);
    observer.observe(measured);
    return () => observer.disconnect();
  }, [canMeasure, labels]);

  const overflowing = inRow !== null && inRow < items.length;

  // A link that moves between the row and the drop-down is a new node, and More goes when all fit: either way the focus
  // would fall to the page. It goes to the link in its new place if shown, else to More (or, for More, to the first
  // link that was under it).
  useLayoutEffect(() => {
    const before = focusBefore.current;
    const split = inRowBefore.current;
    focusBefore.current = null;
    inRowBefore.current = inRow;
    const focus = document.activeElement;
    if (before === null || (focus !== null && focus !== document.body)) return;
    const links = [...(list.current?.querySelectorAll('a') ?? [])];
    const link = links[before === 'toggle' ? (split ?? 0) : before];
    if (link && !link.closest('[hidden]')) link.focus();
    else toggle.current?.focus();
  }, [inRow]);

  const expanded = open && overflowing;

  useEffect(() => {
    if (!overflowing) setOpen(false);
  }, [overflowing]);

  useEffect(() => {
    setOpen(false);
  }, [location.key]);

  // The drop-down is positioned over what follows the header; the navigation's white bottom border, as tall as the
  // drop-down, is its background and pushes the page down (as nhsuk-frontend's script sets it).
  useLayoutEffect(() => {
    const dropDown = menuList.current;
    if (!expanded || !dropDown) return undefined;
    const measure = () => setMenuHeight(Math.ceil(dropDown.getBoundingClientRect().height));
    measure();
    if (!canMeasure) return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(dropDown);
    return () => observer.disconnect();
  }, [expanded, canMeasure]);

  useEffect(() => {
    if (!expanded) return undefined;
    const onClick = (event: MouseEvent) => {
      const target = event.target;
      if (!(target instanceof Element)) return;
      const outside = !navigation.current?.contains(target);
      const followed = target.closest('a, button') !== null && !toggle.current?.contains(target);
      if (outside || followed) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const focus = document.activeElement;
      setOpen(false);
      // Focus in the drop-down would be lost when it is hidden.
      if (!focus || focus === document.body || menu.current?.contains(focus)) toggle.current?.focus();
    };
    document.addEventListener('click', onClick, true);
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('keydown', onKeyDown, true);
    };
  }, [expanded]);

  const row = inRow === null ? items : items.slice(0, inRow);
  const rest = inRow === null ? [] : items.slice(inRow);
  const currentUnderMore = rest.find((item) => item.current);

  return (
    <nav ref={navigation} className="nhsuk-header__navigation" aria-label="Menu" style={expanded ? { borderBottomWidth: menuHeight } : undefined}>
      <div className="nhsuk-header__navigation-container nhsuk-width-container">
        <ul ref={list} className={`nhsuk-header__navigation-list${inRow === null ? ' app-navigation-list' : ''}`}>
          {row.map((item) => (
            <NavigationItem key={item.label} item={item} />
          ))}
          {overflowing && (
            <li ref={menu} className="nhsuk-header__menu">
              <button
                ref={toggle}
                type="button"
                className={`nhsuk-header__menu-toggle nhsuk-header__navigation-link${currentUnderMore ? ' app-navigation-toggle--current' : ''}`}
                id="toggle-menu"
                aria-expanded={expanded}
                onClick={() => setOpen((was) => !was)}
              >
                <ToggleText current={currentUnderMore?.label} />
              </button>
              <ul ref={menuList} className="nhsuk-header__menu-list" hidden={!expanded}>
                {rest.map((item) => (
                  <NavigationItem key={item.label} item={item} />
                ))}
              </ul>
            </li>
          )}
        </ul>
        {canMeasure && (
          <div className="app-navigation-measure" aria-hidden="true">
            <ul ref={copy} className="nhsuk-header__navigation-list">
              {items.map((item) => (
                <li key={item.label} className="nhsuk-header__navigation-item">
                  <span className="nhsuk-header__navigation-link">{item.label}</span>
                </li>
              ))}
              <li className="nhsuk-header__menu">
                <span className="nhsuk-header__menu-toggle nhsuk-header__navigation-link">
                  <ToggleText />
                </span>
              </li>
            </ul>
          </div>
        )}
      </div>
    </nav>
  );
}

/** More, naming the current page when that page's link is under it (aria-current would call the button the page). */
function ToggleText({ current }: { current?: string }): ReactNode {
  if (current === undefined) {
    return (
      <>
        <span className="nhsuk-u-visually-hidden">Browse </span>More
      </>
    );
  }
  return (
    <>
      <span className="nhsuk-u-visually-hidden">Browse </span>
      <strong className="nhsuk-header__navigation-item-current-fallback">More</strong>
      {/* Opening with a space, not a comma: a name read across elements may gain a space at their boundary. */}
      <span className="nhsuk-u-visually-hidden"> (current page: {current})</span>
    </>
  );
}

function NavigationItem({ item }: { item: HeaderNavigationItem }) {
  return (
    <li className={`nhsuk-header__navigation-item${item.current ? ' nhsuk-header__navigation-item--current' : ''}`}>
      <Link className="nhsuk-header__navigation-link" to={item.to} aria-current={item.current ? 'page' : undefined}>
        {/* A fallback mark for the current page where the styles are overridden, as nhsuk-frontend has it. */}
        {item.current ? <strong className="nhsuk-header__navigation-item-current-fallback">{item.label}</strong> : item.label}
      </Link>
    </li>
  );
}
