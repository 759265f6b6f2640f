import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Organisation, OrganisationLevel } from '@pcsp/contract/organisations.contract';
import { api } from '../lib/api-client';
import { defaultArea, ENGLAND_CODE } from '../lib/default-area';
import { formatLevel } from '../lib/format';
import { queryKeys, useGroups, useSession } from '../lib/queries';
import { OrganisationSearch } from './organisation-search';
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
  /** The levels the page can show, offered by the organisation search (every level where not given). */
  searchLevels?: readonly OrganisationLevel[];
}

/** The largest page GET /orgs gives: far more PCNs than an ICB has (about 10 to 40). */
const PCN_LIMIT = 1000;

/**
 * The user's areas, the organisations just below them, the PCNs in an ICB or sub-ICB of theirs, and their custom groups;
 * below it, a search for any other organisation in their scope.
 */
export function AreaSelect({ value, onChange, label = 'Area', hint, includeChildren = true, includeGroups = true, allLabel, searchLevels }: AreaSelectProps) {
  const session = useSession().data;
  const roots = session?.areas.length ? session.areas.map((a) => a.code) : [ENGLAND_CODE];
  const details = useQueries({
    queries: roots.map((code) => ({ queryKey: queryKeys.org(code), queryFn: () => api.org(code), staleTime: 5 * 60_000 })),
  });
  // PCNs are asked for only where they are not the children already (an ICB's children are its sub-ICBs), and not for a
  // region or England, whose hundreds of PCNs would make the list unusable.
  const pcnRoots = includeChildren
    ? details.flatMap((d) => (d.data && (d.data.level === 'icb' || d.data.level === 'sub_icb') && d.data.children.some((c) => c.level !== 'pcn') ? [d.data] : []))
    : [];
  const pcnLists = useQueries({
    queries: pcnRoots.map((root) => ({
      queryKey: ['orgs', 'pcn', 'in', root.code],
      queryFn: () => api.orgs({ level: 'pcn', parent: root.code, limit: PCN_LIMIT }),
      staleTime: 5 * 60_000,
    })),
  });
  const groups = useGroups();
  const [found, setFound] = useState<Organisation | null>(null);

  const rootOptions = details.map((d, i) => ({ value: roots[i]!, label: d.data ? `${d.data.name} (${formatLevel(d.data.level)})` : roots[i]! }));
  const childGroups: SelectGroup[] = includeChildren
    ? details.flatMap((d) =>
        d.data && d.data.children.length && d.data.level !== 'practice'
          ? [{ label: `In ${d.data.name}`, options: d.data.children.map((c) => ({ value: c.code, label: `${c.name} (${formatLevel(c.level)})` })) }]
          : [],
      )
    : [];
  const offered = new Set([...rootOptions, ...childGroups.flatMap((g) => g.options)].map((o) => o.value));
  const pcnGroups: SelectGroup[] = pcnRoots.flatMap((root, i) => {
    const pcns = (pcnLists[i]?.data?.organisations ?? []).filter((p) => !offered.has(p.code));
    // One group per sub-ICB (or the area itself where a PCN sits straight in it); the API lists PCNs by name.
    const byParent = new Map<string, SelectGroup>();
    for (const pcn of pcns) {
      const parentCode = pcn.parentCode ?? root.code;
      const parentName = parentCode === root.code ? root.name : (root.children.find((c) => c.code === parentCode)?.name ?? parentCode);
      const group = byParent.get(parentCode) ?? { label: `PCNs in ${parentName}`, options: [] };
      group.options.push({ value: pcn.code, label: `${pcn.name} (${formatLevel(pcn.level)})` });
      byParent.set(parentCode, group);
    }
    return [...byParent.values()].sort((x, y) => x.label.localeCompare(y.label));
  });
  const groupOptions: SelectGroup[] = includeGroups && groups.data?.length ? [{ label: 'Your groups', options: groups.data.map((g) => ({ value: g.code, label: g.name })) }] : [];
  const all = [...rootOptions, ...childGroups.flatMap((g) => g.options), ...pcnGroups.flatMap((g) => g.options), ...groupOptions.flatMap((g) => g.options)];
  const known = value === '' || all.some((o) => o.value === value);
  // Only once the options are in, so that an area they list is not asked for as well. A group has no organisation to ask for.
  const optionsLoaded = [...details, ...pcnLists].every((q) => !q.isPending) && (!includeGroups || !groups.isPending);
  const shown = useQuery({
    queryKey: queryKeys.org(value),
    queryFn: () => api.org(value),
    enabled: !known && optionsLoaded && !value.startsWith('group:'),
    staleTime: 5 * 60_000,
  });
  const named = found?.code === value ? found : shown.data;
  const extra = known ? [] : [{ value, label: named ? `${named.name} (${formatLevel(named.level)})` : value }];

  // A practice lead's only area is their practice: there is nothing below it to find.
  const onlyPractice = !session || (session.areas.length === 1 && session.areas[0]!.level === 'practice');
  const knownNames = new Map<string, string>();
  for (const d of details) for (const o of d.data ? [d.data, ...d.data.parents, ...d.data.children] : []) knownNames.set(o.code, o.name);
  for (const list of pcnLists) for (const o of list.data?.organisations ?? []) knownNames.set(o.code, o.name);
  const selected = value || (allLabel ? '' : defaultArea(session));
  const choose = (organisation: Organisation) => {
    setFound(organisation);
    onChange(organisation.code);
  };

  return (
    <>
      <SelectField
        label={label}
        hint={hint}
        value={selected}
        onChange={onChange}
        options={[...(allLabel ? [{ value: '', label: allLabel }] : []), ...extra]}
        groups={[{ label: 'Your area', options: rootOptions }, ...childGroups, ...pcnGroups, ...groupOptions]}
      />
      {!onlyPractice && <OrganisationSearch onChoose={choose} value={selected} levels={searchLevels} knownNames={knownNames} />}
    </>
  );
}
