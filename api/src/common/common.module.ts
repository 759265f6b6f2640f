import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ProblemDetailsFilter } from './problem-details.filter';
import { SecurityHooks } from './security-hooks';
import { createValidationPipe } from './validation.pipe';

/** App-wide plumbing: problem+json errors, whitelisting validation, helmet, cookies, ETags. */
@Module({
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    SecurityHooks,
  ],
})
export class CommonModule {}
