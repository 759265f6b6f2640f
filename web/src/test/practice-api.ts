import type { Session } from '@pcsp/contract/auth.contract';
import type { OrganisationDetail } from '@pcsp/contract/organisations.contract';
import { PRACTICE, standardApi } from './api-fixtures';
import type { FakeApi } from './render-app';
import { SESSION } from './render-app';

/** A practice lead of Hill Street Practice (A00001). */
export const PRACTICE_LEAD: Session = {
  ...SESSION,
  user: { ...SESSION.user, name: 'Pat Practice', role: 'practice', areas: ['A00001'] },
  areas: [{ code: 'A00001', name: 'Hill Street Practice', level: 'practice' }],
};

/** Another practice in the lead's PCN, whose report card they may open. */
export const PEER_PRACTICE: OrganisationDetail = { ...PRACTICE, code: 'B00002', name: 'Riverside Surgery' };

const forbidden = (detail: string) => ({ status: 403, body: { type: 'about:blank', title: 'Forbidden', status: 403, detail } });

/** The API's 403 own_practice_only about `parameter` (the breakdown asked for, `plan` for figures split by plan), at `path`. */
const ownPracticeOnly = (path: string, parameter: 'breakdown' | 'org', breakdown: string, detail: string) => ({
  status: 403,
  body: { type: 'about:blank', title: 'Forbidden', status: 403, detail, instance: `/api${path}`, errors: [{ parameter, message: detail, code: 'own_practice_only', value: breakdown }] },
});

/**
 * The fake API as a practice lead meets it: as the API does, 403 for the data-quality report
 * (administrators, commissioners and network managers only) and for breakdowns, and outcomes
 * split by plan, of any organisation but their own practice (these two with the reason code
 * own_practice_only, as the API gives them).
 */
export function practiceApi(): FakeApi {
  const standard = standardApi({ '/auth/session': { body: PRACTICE_LEAD } });
  return (path, init) => {
    const bare = path.split('?')[0]!;
    const params = new URLSearchParams(path.split('?')[1] ?? '');
    const breakdown = params.get('breakdown');
    if (bare === '/orgs/B00002') return { body: PEER_PRACTICE };
    if (bare === '/data-quality') return forbidden('Administrators, commissioners and network managers only');
    if (/^\/measures\/[a-z_]+\/series$/.test(bare) && breakdown && params.get('org') !== 'A00001') {
      return ownPracticeOnly(bare, 'breakdown', breakdown, `breakdown: figures by ${breakdown} are available for your own practice only`);
    }
    if (bare.startsWith('/outcomes/standardised') && params.get('org') !== 'A00001') {
      return ownPracticeOnly(bare, 'org', 'plan', 'org: figures split by plan are available for your own practice only');
    }
    return standard(path, init);
  };
}
