import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ProblemDetailsFilter } from './problem-details.filter';
import { SecurityHooks } from './security-hooks';
import { UnreadQueryGuard } from './unread-query.guard';
import { createValidationPipe } from './validation.pipe';

/** App-wide plumbing: problem+json errors, whitelisting validation (query parameters included), helmet, cookies, ETags. */
@Module({
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_GUARD, useClass: UnreadQueryGuard },
    SecurityHooks,
  ],
})
export class CommonModule {}
