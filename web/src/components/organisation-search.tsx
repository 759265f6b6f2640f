import { useQueries } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Organisation, OrganisationLevel } from '@pcsp/contract/organisations.contract';
import { ORGANISATION_LEVELS } from '@pcsp/analytics/sql/snapshot-results.sql';
import { api } from '../lib/api-client';
import { formatLevel } from '../lib/format';
import { queryKeys } from '../lib/queries';
import { ErrorMessage } from './query-state';

interface OrganisationSearchProps {
  onChoose: (organisation: Organisation) => void;
  /** The area select's value: the organisation chosen here is named only while the select still shows it. */
  value: string;
  /** Only organisations at these levels (every level where not given). */
  levels?: readonly OrganisationLevel[];
  /** Names already loaded (the user's areas, their parents and children), so naming a parent needs no request. */
  knownNames: ReadonlyMap<string, string>;
}

/** Enough to find one by a word of its name; more matches say how many there are and ask for more of the name. */
export const SEARCH_LIMIT = 20;
const MIN_CHARACTERS = 2;
const DEBOUNCE_MS = 300;

const plural = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'organisation' : 'organisations'}`;

/**
 * Finds any organisation the user may see (GET /orgs?q=, which searches within their scope) by name or ODS code, as the
 * select below it cannot list the thousands of practices of a region or of England.
 */
export function OrganisationSearch({ onChoose, value, levels, knownNames }: OrganisationSearchProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  const [chosen, setChosen] = useState<Organisation | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setTerm(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  // The API filters by one level at a time, so a page limited to some levels asks once per level, largest first as the
  // API lists them; limiting after one unfiltered request could leave out the matches the page can show.
  const asked: (OrganisationLevel | undefined)[] = levels ? ORGANISATION_LEVELS.filter((l) => levels.includes(l)).reverse() : [undefined];
  const active = term.length >= MIN_CHARACTERS;
  const lists = useQueries({
    queries: asked.map((level) => ({
      queryKey: ['orgs', 'search', level ?? 'any', term],
      queryFn: () => api.orgs({ q: term, level, limit: SEARCH_LIMIT }),
      enabled: active,
      staleTime: 5 * 60_000,
    })),
  });
  const settled = active && lists.every((l) => l.data !== undefined);
  const failed = lists.find((l) => l.isError);
  const total = lists.reduce((sum, l) => sum + (l.data?.total ?? 0), 0);
  const found = settled ? lists.flatMap((l) => l.data!.organisations).slice(0, SEARCH_LIMIT) : [];

  const names = new Map(knownNames);
  for (const o of found) names.set(o.code, o.name);
  const unnamed = [...new Set(found.flatMap((o) => (o.parentCode && !names.has(o.parentCode) ? [o.parentCode] : [])))];
  const parents = useQueries({
    queries: unnamed.map((code) => ({ queryKey: queryKeys.org(code), queryFn: () => api.org(code), staleTime: 5 * 60_000 })),
  });
  parents.forEach((p, i) => names.set(unnamed[i]!, p.data?.name ?? unnamed[i]!));

  const choose = (organisation: Organisation) => {
    onChoose(organisation);
    setChosen(organisation);
    setText('');
    setTerm('');
    // The chosen button goes with the list: keep the focus in the search rather than let it fall to the page.
    input.current?.focus();
  };
  const searchNow = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    // Pages put the area select inside their filter form: Enter searches rather than submits it.
    e.preventDefault();
    setTerm(text.trim());
  };

  // Set back to another area (with the select or Back), the page no longer shows the one chosen: the status must not say it does.
  const current = chosen?.code === value ? chosen : null;
  const status = (): string => {
    if (!active) return current ? `Chosen: ${current.name} (${formatLevel(current.level)}).` : '';
    if (failed) return '';
    if (!settled) return 'Searching…';
    if (total === 0) return `No organisation found for “${term}”.`;
    if (total > found.length) return `${plural(total)} found. The first ${found.length} are listed: type more of the name or code to narrow them.`;
    return `${plural(total)} found.`;
  };

  return (
    <div className="nhsuk-form-group app-org-search">
      <label className="nhsuk-label" htmlFor={`${id}-input`}>
        Find an organisation
      </label>
      <div className="nhsuk-hint" id={`${id}-hint`}>
        Type at least {MIN_CHARACTERS} characters of its name or ODS code.
        {levels ? ` Not offered here: ${ORGANISATION_LEVELS.filter((l) => !levels.includes(l)).reverse().map(formatLevel).join(', ')}.` : ''}
      </div>
      <input
        ref={input}
        className="nhsuk-input nhsuk-input--width-20"
        id={`${id}-input`}
        type="search"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${id}-hint`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={searchNow}
      />
      <p className="nhsuk-body-s app-org-search__status" role="status" aria-live="polite">
        {status()}
      </p>
      {active && failed && <ErrorMessage error={failed.error} title="The search did not work" />}
      {found.length > 0 && (
        <ul className="nhsuk-list app-org-search__results" aria-label={`Organisations matching “${term}”`}>
          {found.map((o) => (
            <li key={o.code}>
              <button type="button" className="app-org-search__result" onClick={() => choose(o)}>
                <span className="app-org-search__name">
                  {o.name} ({o.code})
                </span>
                <span className="app-org-search__detail">
                  {formatLevel(o.level)}
                  {o.parentCode ? ` in ${names.get(o.parentCode) ?? o.parentCode}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
