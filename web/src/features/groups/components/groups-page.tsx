import type { Group } from '@pcsp/contract/groups.contract';
import type { OrganisationRef } from '@pcsp/contract/organisations.contract';
import type { ParameterProblem } from '@pcsp/contract/problem.contract';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ErrorSummary } from '../../../components/error-summary';
import { Empty, ErrorMessage, Loading, QueryState } from '../../../components/query-state';
import { ApiError } from '../../../lib/api-client';
import { useGroups, useSession } from '../../../lib/queries';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCreateGroup, useDeleteGroup, usePracticeSearch, useUpdateGroup } from '../api/use-group-mutations';

/** A field of the form with a problem (found before saving, or named by the API's refusal), and what to do about it. */
type FieldProblem = { field: 'group-name' | 'practice-search'; text: string };

/** What the practice field says for the reason the API gave (its code, never the words of its message). */
function practicesText({ code, value }: ParameterProblem): string {
  if (code === 'unknown_practice' && value !== undefined) return `Choose practices found by the search: there is no practice with the code ${value}`;
  if (code === 'one_icb') return 'Choose practices from one ICB';
  if (code === 'practice_count') return 'Choose from 2 to 200 practices';
  if (code === 'duplicate') return 'Choose each practice once';
  return 'Choose practices found by the search';
}

/**
 * The API's refusal as problems of the form's fields, in plain words chosen by each error's reason code, when each
 * parameter it names is a field of the form (`name`, `practices`, `practices[2]`); otherwise none, and the refusal
 * shows as it came.
 */
function fieldProblemsOf(error: unknown): FieldProblem[] {
  const refused = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  const found = refused.map((problem): FieldProblem | undefined => {
    if (problem.parameter === 'name') return { field: 'group-name', text: problem.code === 'too_long' ? 'Enter a group name of 100 characters or fewer' : 'Enter a name for the group' };
    if (!/^practices(\[\d+\])?$/.test(problem.parameter)) return undefined;
    return { field: 'practice-search', text: practicesText(problem) };
  });
  if (found.length === 0 || found.some((p) => p === undefined)) return [];
  // One problem a field: the first the API gave.
  return (found as FieldProblem[]).filter((p, i, all) => all.findIndex((q) => q.field === p.field) === i);
}

/** Creates a group, or edits `editing` (its owner's form, filled with what it holds now). */
function GroupForm({ editing, onDone }: { editing?: Group; onDone?: (savedName?: string) => void }) {
  const [name, setName] = useState(editing?.name ?? '');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<OrganisationRef[]>(editing?.practices ?? []);
  const [shared, setShared] = useState(editing?.shared ?? false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  // Counts refused saves, so that each one moves focus to the summary again (the NHS error pattern).
  const [refusals, setRefusals] = useState(0);
  const errorArea = useRef<HTMLDivElement>(null);
  const search = usePracticeSearch(q);
  const create = useCreateGroup();
  const update = useUpdateGroup();
  const save = editing ? update : create;
  useEffect(() => {
    if (save.error) errorArea.current?.querySelector<HTMLElement>('.nhsuk-error-summary')?.focus();
  }, [save.error]);
  // The form's own checks come first; what the API refused shows only when they pass (it was sent).
  const refusedFields = problems.length === 0 ? fieldProblemsOf(save.error) : [];
  const shown = problems.length ? problems : refusedFields;
  const problemOf = (field: FieldProblem['field']) => shown.find((p) => p.field === field);
  const nameProblem = problemOf('group-name');
  const practicesProblem = problemOf('practice-search');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldProblem[] = [
      ...(name.trim() ? [] : [{ field: 'group-name' as const, text: 'Enter a name for the group' }]),
      ...(chosen.length >= 2 ? [] : [{ field: 'practice-search' as const, text: 'Choose at least 2 practices' }]),
    ];
    setProblems(found);
    if (found.length) return setRefusals((n) => n + 1);
    const body = { name: name.trim(), practices: chosen.map((p) => p.code), shared };
    if (editing) return update.mutate({ id: editing.id, ...body }, { onSuccess: (group) => onDone?.(group.name) });
    create.mutate(body, {
      onSuccess: () => {
        setName('');
        setChosen([]);
        setQ('');
        setShared(false);
      },
    });
  };
  const toggle = (org: OrganisationRef) =>
    setChosen((list) => (list.some((p) => p.code === org.code) ? list.filter((p) => p.code !== org.code) : [...list, org]));

  return (
    <form onSubmit={submit} noValidate aria-labelledby={editing ? 'edit-group' : 'new-group'}>
      <h2 id={editing ? 'edit-group' : 'new-group'}>{editing ? `Edit “${editing.name}”` : 'Create a group'}</h2>
      <div ref={errorArea}>
        <ErrorSummary errors={shown} focusKey={refusals} />
        {shown.length === 0 && save.isError && <ErrorMessage error={save.error} title="The group could not be saved" />}
      </div>
      {!editing && create.isSuccess && (
        <div className="nhsuk-inset-text" role="status">
          <p>Group “{create.data.name}” saved. It now appears wherever you choose an area.</p>
        </div>
      )}
      <div className={`nhsuk-form-group${nameProblem ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor="group-name">
          Group name
        </label>
        {nameProblem && <InlineError id="group-name-error" text={nameProblem.text} />}
        <input
          className={`nhsuk-input nhsuk-u-width-two-thirds${nameProblem ? ' nhsuk-input--error' : ''}`}
          id="group-name"
          value={name}
          aria-invalid={nameProblem ? true : undefined}
          aria-describedby={nameProblem ? 'group-name-error' : undefined}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className={`nhsuk-form-group${practicesProblem ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor="practice-search">
          Find practices by name or code
        </label>
        <div className="nhsuk-hint" id="practice-search-hint">
          Type at least 2 characters. Practices must be in one ICB.
        </div>
        {practicesProblem && <InlineError id="practice-search-error" text={practicesProblem.text} />}
        <input
          className={`nhsuk-input nhsuk-u-width-two-thirds${practicesProblem ? ' nhsuk-input--error' : ''}`}
          id="practice-search"
          type="search"
          aria-invalid={practicesProblem ? true : undefined}
          aria-describedby={practicesProblem ? 'practice-search-hint practice-search-error' : 'practice-search-hint'}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      {search.isFetching && <Loading what="practices" />}
      {search.isError && <ErrorMessage error={search.error} />}
      {search.data && (
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Matching practices</legend>
          {search.data.length === 0 ? (
            <p>No practice matches “{q}”.</p>
          ) : (
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
              {search.data.map((org) => (
                <div className="nhsuk-checkboxes__item" key={org.code}>
                  <input className="nhsuk-checkboxes__input" id={`pick-${org.code}`} type="checkbox" checked={chosen.some((p) => p.code === org.code)} onChange={() => toggle(org)} />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`pick-${org.code}`}>
                    {org.name} ({org.code})
                  </label>
                </div>
              ))}
            </div>
          )}
        </fieldset>
      )}
      <h3 className="nhsuk-heading-s">Chosen practices ({chosen.length})</h3>
      {chosen.length === 0 ? (
        <p className="app-muted">None yet.</p>
      ) : (
        <ul className="nhsuk-list">
          {chosen.map((p) => (
            <li key={p.code}>
              {p.name} ({p.code}){' '}
              <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => toggle(p)}>
                Remove<span className="nhsuk-u-visually-hidden"> {p.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="nhsuk-form-group">
        <div className="nhsuk-checkboxes">
          <div className="nhsuk-checkboxes__item">
            <input className="nhsuk-checkboxes__input" id="group-shared" type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="group-shared">
              Share with everyone in the ICB
            </label>
          </div>
        </div>
      </div>
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : editing ? 'Save changes' : 'Save group'}
        </button>
        {editing && (
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => onDone?.()}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function InlineError({ id, text }: { id: string; text: string }) {
  return (
    <span className="nhsuk-error-message" id={id}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {text}
    </span>
  );
}

export function GroupsPage() {
  useDocumentTitle('Groups');
  const groups = useGroups();
  const session = useSession().data;
  const remove = useDeleteGroup();
  const [editingId, setEditingId] = useState<number | undefined>();
  const editing = groups.data?.find((g) => g.id === editingId);
  const [saved, setSaved] = useState('');
  return (
    <>
      <h1>Groups of practices</h1>
      <p>A group (a locality, a federation, “my 12 practices”) works like an organisation of its own: choose it wherever you choose an area.</p>
      <h2>Your groups</h2>
      {remove.isError && <ErrorMessage error={remove.error} title="The group could not be deleted" />}
      {saved && (
        <div className="nhsuk-inset-text" role="status">
          <p>Changes to “{saved}” saved.</p>
        </div>
      )}
      <QueryState query={groups} what="groups" isEmpty={(g) => g.length === 0} empty="You have no groups yet. Create one below.">
        {(list) => (
          <table className="nhsuk-table app-table--compact">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">Groups you own or that are shared with you</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">Group</th>
                <th scope="col" className="nhsuk-table__header">Practices</th>
                <th scope="col" className="nhsuk-table__header">Shared</th>
                <th scope="col" className="nhsuk-table__header">
                  <span className="nhsuk-u-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {list.map((g) => (
                <tr key={g.id} className="nhsuk-table__row">
                  <th scope="row" className="nhsuk-table__header">
                    <Link to={`/org/${encodeURIComponent(g.code)}`}>{g.name}</Link>
                  </th>
                  <td className="nhsuk-table__cell">{g.practices.map((p) => p.name).join(', ')}</td>
                  <td className="nhsuk-table__cell">{g.shared ? <strong className="nhsuk-tag nhsuk-tag--green">Shared</strong> : <strong className="nhsuk-tag nhsuk-tag--grey">Only you</strong>}</td>
                  <td className="nhsuk-table__cell">
                    {g.ownerId === session?.user.id && (
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                        onClick={() => {
                          setSaved('');
                          setEditingId(g.id);
                        }}
                      >
                        Edit<span className="nhsuk-u-visually-hidden"> {g.name}</span>
                      </button>
                    )}{' '}
                    {g.ownerId === session?.user.id && (
                      <button type="button" className="nhsuk-button nhsuk-button--warning nhsuk-button--small" disabled={remove.isPending} onClick={() => remove.mutate(g.id)}>
                        Delete<span className="nhsuk-u-visually-hidden"> {g.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      {groups.data?.length === 0 ? null : <Empty>Use a group in Compare practices as “Practices in”, or open its report card.</Empty>}
      {editing ? (
        <GroupForm
          key={editing.id}
          editing={editing}
          onDone={(savedName) => {
            setSaved(savedName ?? '');
            setEditingId(undefined);
          }}
        />
      ) : (
        <GroupForm />
      )}
    </>
  );
}
