import { useQueries } from '@tanstack/react-query';
import { api } from '../lib/api-client';
import { defaultArea, ENGLAND_CODE } from '../lib/default-area';
import { formatLevel } from '../lib/format';
import { queryKeys, useGroups, useSession } from '../lib/queries';
import { SelectField, type SelectGroup } from './select-field';

interface AreaSelectProps {
  value: string;
  onChange: (code: string) => void;
  label?: string;
  hint?: string;
  /** Offer the children of the user's areas down to this level (PCNs for compare). */
  includeChildren?: boolean;
  includeGroups?: boolean;
  /** Let the user leave the choice empty (meaning: the whole of their area). */
  allLabel?: string;
}

/** The user's areas, the organisations just below them, and their custom groups. */
export function AreaSelect({ value, onChange, label = 'Area', hint, includeChildren = true, includeGroups = true, allLabel }: AreaSelectProps) {
  const session = useSession().data;
  const roots = session?.areas.length ? session.areas.map((a) => a.code) : [ENGLAND_CODE];
  const details = useQueries({
    queries: roots.map((code) => ({ queryKey: queryKeys.org(code), queryFn: () => api.org(code), staleTime: 5 * 60_000 })),
  });
  const groups = useGroups();

  const rootOptions = details.map((d, i) => ({ value: roots[i]!, label: d.data ? `${d.data.name} (${formatLevel(d.data.level)})` : roots[i]! }));
  const childGroups: SelectGroup[] = includeChildren
    ? details.flatMap((d) =>
        d.data && d.data.children.length && d.data.level !== 'practice'
          ? [{ label: `In ${d.data.name}`, options: d.data.children.map((c) => ({ value: c.code, label: `${c.name} (${formatLevel(c.level)})` })) }]
          : [],
      )
    : [];
  const groupOptions: SelectGroup[] = includeGroups && groups.data?.length ? [{ label: 'Your groups', options: groups.data.map((g) => ({ value: g.code, label: g.name })) }] : [];
  const all = [...rootOptions, ...childGroups.flatMap((g) => g.options), ...groupOptions.flatMap((g) => g.options)];
  const known = value === '' || all.some((o) => o.value === value);
  const extra = known ? [] : [{ value, label: value }];

  return (
    <SelectField
      label={label}
      hint={hint}
      value={value || (allLabel ? '' : defaultArea(session))}
      onChange={onChange}
      options={[...(allLabel ? [{ value: '', label: allLabel }] : []), ...extra]}
      groups={[{ label: 'Your area', options: rootOptions }, ...childGroups, ...groupOptions]}
    />
  );
}
