import type { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { problemBody, refusalOf } from '../../testing/refusals';

/** A store whose organisations are ICB QHM only; nothing is saved (the refusal comes before). */
const usersService = () =>
  new UsersService({
    organisationLevels: async (codes: string[]) => new Map(codes.filter((c) => c === 'QHM').map((c) => [c, 'icb'])),
  } as unknown as UsersRepository);

const problemOf = (promise: Promise<unknown>) => refusalOf(promise, '/api/users');

describe('UsersService refusing an area', () => {
  it('400 unknown_organisation with the code, for an area no organisation has', async () => {
    const request = { email: 'new@test.nhs.uk', name: 'New', role: 'commissioner' as const, areas: ['QHM', 'ZZZ999'], password: 'correct horse battery staple' };
    await expect(problemOf(usersService().create(request))).resolves.toEqual(problemBody(400, '/api/users', { parameter: 'areas', message: 'areas: no organisation has the code ZZZ999', code: 'unknown_organisation', value: 'ZZZ999' }));
  });
});
