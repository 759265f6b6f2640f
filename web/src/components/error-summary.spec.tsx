import { fireEvent, render, screen, within } from '@testing-library/react';
import { ErrorSummary, type FieldError } from './error-summary';
import { recordScrollIntoView } from '../test/scroll-into-view';

const PROBLEMS: FieldError[] = [
  { field: 'name', text: 'Enter a name' },
  { field: 'share', text: 'Say whether to share it' },
];

/** A form with a labelled text field and a checkbox in a fieldset, under the summary. */
function Form({ errors, focusKey }: { errors: FieldError[]; focusKey?: number }) {
  return (
    <>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <label htmlFor="name">Name</label>
      <input id="name" />
      <fieldset>
        <legend>Sharing</legend>
        <input id="share" type="checkbox" />
        <label htmlFor="share">Share with the ICB</label>
      </fieldset>
      <button type="button">Save</button>
    </>
  );
}

const scrolled = recordScrollIntoView();

describe('ErrorSummary', () => {
  it('shows nothing when there are no errors', () => {
    const { container } = render(<Form errors={[]} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(container.querySelector('.nhsuk-error-summary')).toBeNull();
    expect(document.activeElement).toBe(document.body);
  });

  it('has nhsuk-frontend’s markup: a focusable box holding the alert, its heading and a list of links', async () => {
    render(<Form errors={PROBLEMS} />);
    const alert = await screen.findByRole('alert');
    const box = alert.parentElement;
    expect(box?.className).toBe('nhsuk-error-summary');
    expect(box?.getAttribute('tabindex')).toBe('-1');
    expect(box?.getAttribute('role')).toBeNull();
    const heading = within(alert).getByRole('heading', { level: 2 });
    expect(heading.className).toBe('nhsuk-error-summary__heading');
    expect(heading.textContent).toBe('There is a problem');
    expect(alert.querySelector('.nhsuk-error-summary__body > ul')?.className).toBe('nhsuk-list nhsuk-error-summary__list');
    expect(within(alert).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Enter a name', '#name'],
      ['Say whether to share it', '#share'],
    ]);
  });

  it('takes focus when it appears, and again only when focusKey changes', async () => {
    const { rerender } = render(<Form errors={[]} focusKey={0} />);
    const save = screen.getByRole('button', { name: 'Save' });
    save.focus();
    rerender(<Form errors={PROBLEMS} focusKey={0} />);
    const box = (await screen.findByRole('alert')).parentElement;
    expect(document.activeElement).toBe(box);

    save.focus();
    rerender(<Form errors={PROBLEMS.slice(1)} focusKey={0} />);
    expect(document.activeElement).toBe(save);
    rerender(<Form errors={PROBLEMS.slice(1)} focusKey={1} />);
    expect(document.activeElement).toBe(box);
  });

  it('puts focus in a field when its link is clicked, with the field’s label scrolled into view, not the address changed', async () => {
    render(<Form errors={PROBLEMS} />);
    const link = await screen.findByRole('link', { name: 'Enter a name' });
    // fireEvent answers false when the click's default (following #name) was prevented.
    expect(fireEvent.click(link)).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }));
    expect(scrolled).toEqual([screen.getByText('Name')]);
  });

  it('scrolls a checkbox’s legend into view, as nhsuk-frontend does, and focuses the checkbox', async () => {
    render(<Form errors={PROBLEMS} />);
    expect(fireEvent.click(await screen.findByRole('link', { name: 'Say whether to share it' }))).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'Share with the ICB' }));
    expect(scrolled).toEqual([screen.getByText('Sharing')]);
  });

  it('leaves a link to a field that is not on the page to the browser', async () => {
    render(<Form errors={[{ field: 'missing', text: 'Choose a date' }]} />);
    expect(fireEvent.click(await screen.findByRole('link', { name: 'Choose a date' }))).toBe(true);
    expect(scrolled).toEqual([]);
  });
  it('puts Error: before the page title while it is shown, and takes it away when the errors are gone', () => {
    document.title = 'Groups – PCSP Insights – NHS';
    const { rerender, unmount } = render(<Form errors={PROBLEMS} focusKey={1} />);
    expect(document.title).toBe('Error: Groups – PCSP Insights – NHS');
    rerender(<Form errors={PROBLEMS.slice(0, 1)} focusKey={2} />);
    expect(document.title).toBe('Error: Groups – PCSP Insights – NHS');
    rerender(<Form errors={[]} focusKey={2} />);
    expect(document.title).toBe('Groups – PCSP Insights – NHS');
    rerender(<Form errors={PROBLEMS} focusKey={3} />);
    unmount();
    expect(document.title).toBe('Groups – PCSP Insights – NHS');
  });
});
