import type { OrganisationDetail } from '@pcsp/contract/organisations.contract';
import { Link } from 'react-router-dom';
import { QueryState } from '../../../components/query-state';
import { formatCount } from '../../../lib/format';
import { PRACTICES_LIMIT, usePracticesIn } from '../api/use-practices-in';

/** The practices of a PCN or sub-ICB, each a link to its report card; nothing for other levels. */
export function PracticeList({ org }: { org: OrganisationDetail }) {
  const listed = org.level === 'pcn' || org.level === 'sub_icb';
  const practices = usePracticesIn(org.code, listed);
  if (!listed) return null;
  return (
    <section aria-labelledby="practices-heading">
      <h2 id="practices-heading">Practices in {org.name}</h2>
      <QueryState query={practices} what="practices" isEmpty={(list) => list.total === 0} empty="There are no practices you can see here.">
        {(list) => (
          <>
            <ul className="nhsuk-list" data-testid="practice-list">
              {list.organisations.map((p) => (
                <li key={p.code}>
                  <Link to={`/org/${encodeURIComponent(p.code)}`}>{p.name}</Link> ({p.code})
                </li>
              ))}
            </ul>
            {list.total > PRACTICES_LIMIT && (
              <p className="nhsuk-body">
                The first {formatCount(PRACTICES_LIMIT)} of {formatCount(list.total)} practices are listed.
              </p>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
