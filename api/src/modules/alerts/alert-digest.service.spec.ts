import { Logger } from '@nestjs/common';
import { loadConfig } from '../../config/app-config';
import type { UsersRepository } from '../users/users.repository';
import { AlertDigestService } from './alert-digest.service';
import type { AlertPreferencesRepository } from './alert-preferences.repository';
import type { AlertsService } from './alerts.service';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'pcsp-digest-'));
beforeAll(() => Logger.overrideLogger(false));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The service with nobody to write to: the schedule is what is under test. */
function digestService(env: NodeJS.ProcessEnv): AlertDigestService {
  const users = { list: async () => [] } as unknown as UsersRepository;
  const preferences = { optedOut: async () => new Set<string>() } as unknown as AlertPreferencesRepository;
  return new AlertDigestService(loadConfig(env, dir), {} as AlertsService, users, preferences);
}

describe('the weekly digest schedule', () => {
  afterEach(() => jest.useRealTimers());

  it('does not run without an SMTP server', () => {
    const service = digestService({});
    service.onApplicationBootstrap();
    expect(service.nextRun()).toBeUndefined();
    expect(service.available).toBe(false);
  });

  it('sends on the configured schedule: Mondays at 07:00 by default', async () => {
    // Sunday 22 November 2026, 23:00 local time: the next run is Monday 23 November at 07:00.
    jest.useFakeTimers({ now: new Date(2026, 10, 22, 23, 0, 0) });
    const service = digestService({ SMTP_HOST: 'mail.test', SMTP_FROM: 'insights@test.nhs.uk' });
    const send = jest.spyOn(service, 'send');
    service.onApplicationBootstrap();
    expect(service.nextRun()).toEqual(new Date(2026, 10, 23, 7, 0, 0));
    await jest.advanceTimersByTimeAsync(8 * 60 * 60 * 1000 - 1000);
    expect(send).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(2000);
    expect(send).toHaveBeenCalledTimes(1);
    // …and then a week later.
    expect(service.nextRun()).toEqual(new Date(2026, 10, 30, 7, 0, 0));
    service.onModuleDestroy();
    expect(service.nextRun()).toBeUndefined();
  });

  it('follows DIGEST_SCHEDULE', () => {
    jest.useFakeTimers({ now: new Date(2026, 10, 22, 23, 0, 0) });
    const service = digestService({ SMTP_HOST: 'mail.test', SMTP_FROM: 'insights@test.nhs.uk', DIGEST_SCHEDULE: '30 6 * * 3' });
    service.onApplicationBootstrap();
    expect(service.nextRun()).toEqual(new Date(2026, 10, 25, 6, 30, 0));
    service.onModuleDestroy();
  });
});
