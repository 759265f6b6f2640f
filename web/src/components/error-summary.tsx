import { useEffect, useRef, type MouseEvent } from 'react';

/** One problem with a form: the id of its field, and what to do about it. */
export interface FieldError {
  field: string;
  text: string;
}

const ERROR_TITLE_PREFIX = 'Error: ';

interface ErrorSummaryProps {
  errors: readonly FieldError[];
  /** Focus returns to the summary whenever this changes while it is shown (a count of refused submits, say). */
  focusKey?: unknown;
}

/**
 * The NHS error summary: nhsuk-frontend's template (v10) and the behaviour of its script, which focuses the summary
 * when it appears and makes each link put focus in its field. Nothing is shown without errors.
 */
export function ErrorSummary({ errors, focusKey }: ErrorSummaryProps) {
  const root = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  useEffect(() => {
    if (shown) root.current?.focus();
  }, [shown, focusKey]);
  // The service manual: a page with an error summary has "Error: " before its title, so a screen reader hears it first.
  useEffect(() => {
    if (!shown) return;
    if (!document.title.startsWith(ERROR_TITLE_PREFIX)) document.title = `${ERROR_TITLE_PREFIX}${document.title}`;
    return () => {
      if (document.title.startsWith(ERROR_TITLE_PREFIX)) document.title = document.title.slice(ERROR_TITLE_PREFIX.length);
    };
  }, [shown]);
  if (!shown) return null;
  return (
    <div className="nhsuk-error-summary" tabIndex={-1} ref={root}>
      {/* The alert is a child of the focused box, as nhsuk-frontend has it, so that focusing the box does not cut its announcement short. */}
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading">There is a problem</h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {errors.map((error) => (
              <li key={`${error.field} ${error.text}`}>
                <a href={`#${error.field}`} onClick={(event) => focusField(event, error.field)}>
                  {error.text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** A fragment link only scrolls its field to the top, out of sight of its label: this shows the label and focuses the field. */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const field = document.getElementById(id);
  const caption = field && legendOrLabelOf(field);
  if (!field || !caption) return;
  caption.scrollIntoView();
  field.focus({ preventScroll: true });
  event.preventDefault();
}

/**
 * nhsuk-frontend's choice: the legend of the field's fieldset for a checkbox or radio, or when the field is within half
 * a screen's height below it; else the field's label.
 */
function legendOrLabelOf(field: HTMLElement): HTMLElement | null {
  const legend = field.closest('fieldset')?.querySelector('legend');
  if (legend) {
    if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) return legend;
    const box = field.getBoundingClientRect();
    if (box.height && window.innerHeight && box.top + box.height - legend.getBoundingClientRect().top < window.innerHeight / 2) return legend;
  }
  return [...document.getElementsByTagName('label')].find((label) => label.htmlFor === field.id) ?? field.closest('label');
}
