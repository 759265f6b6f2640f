import type { Command } from 'commander';
import { ROLES } from '../../modules/users/dto/create-user.dto';
import { generatePassword, MIN_PASSWORD_LENGTH } from '../../modules/users/password';
import { UsersRepository } from '../../modules/users/users.repository';
import { UsersService } from '../../modules/users/users.service';
import type { Role } from '../../contract/auth.contract';
import { ProblemException } from '../../common/problem';
import { say, withDatabase } from '../command-context';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function checkPasswordOption(password: string | undefined): void {
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) throw new Error(`--password must be at least ${MIN_PASSWORD_LENGTH} characters`);
}

/** Runs `work` with the users service over the CLI's database; problems become plain messages. */
async function withUsers<T>(work: (users: UsersService) => Promise<T>): Promise<T> {
  return withDatabase(async ({ dataSource }) => {
    try {
      return await work(UsersService.over(UsersRepository.over(dataSource)));
    } catch (error) {
      if (error instanceof ProblemException) throw new Error(error.detail);
      throw error;
    }
  });
}

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('manage who can sign in: add, list, disable, set-password');

  users
    .command('add')
    .description('add a user; prints a generated password once unless --password is given')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'display name (default: the email)')
    .option('--area <code>', 'organisation code of the area (ICB, region or practice); repeat for several ICBs', collect, [])
    .option('--password <password>', `at least ${MIN_PASSWORD_LENGTH} characters (default: generated)`)
    .action(async (options: { email: string; role: string; name?: string; area: string[]; password?: string }) => {
      if (!ROLES.includes(options.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')}, got "${options.role}"`);
      checkPasswordOption(options.password);
      const password = options.password ?? generatePassword();
      const user = await withUsers((service) =>
        service.create({ email: options.email, name: options.name ?? options.email, role: options.role as Role, areas: options.area, password }),
      );
      say(`Added ${user.email} (${user.role}${user.areas.length ? `: ${user.areas.join(', ')}` : ''}).`);
      if (options.password === undefined) process.stdout.write(`Password (shown once): ${password}\n`);
    });

  users
    .command('list')
    .description('list users as tab-separated lines: email, role, areas, status, last login')
    .action(async () => {
      const list = await withUsers((service) => service.list());
      for (const u of list) {
        process.stdout.write(`${u.email}\t${u.role}\t${u.areas.join(',') || '-'}\t${u.disabled ? 'disabled' : 'active'}\t${u.lastLoginAt ?? 'never'}\n`);
      }
    });

  users
    .command('disable')
    .description('disable a user: their sessions and tokens stop working at once')
    .argument('<email>', 'the user to disable')
    .action(async (email: string) => {
      const user = await withUsers((service) => service.disableByEmail(email));
      say(`Disabled ${user.email}.`);
    });

  users
    .command('set-password')
    .description("set a user's password (e.g. a lost one); prints a generated one once unless --password is given; their browser sessions end")
    .argument('<email>', 'the user')
    .option('--password <password>', `at least ${MIN_PASSWORD_LENGTH} characters (default: generated)`)
    .action(async (email: string, options: { password?: string }) => {
      checkPasswordOption(options.password);
      const password = options.password ?? generatePassword();
      const user = await withUsers((service) => service.setPasswordByEmail(email, password));
      say(`Set a new password for ${user.email}; their browser sessions have ended.`);
      if (options.password === undefined) process.stdout.write(`Password (shown once): ${password}\n`);
    });
}
