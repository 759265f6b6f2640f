import type { Command } from 'commander';
import { AlertDigestService } from '../../modules/alerts/alert-digest.service';
import { AlertPreferencesRepository } from '../../modules/alerts/alert-preferences.repository';
import { AlertsService } from '../../modules/alerts/alerts.service';
import { OrgsService } from '../../modules/orgs/orgs.service';
import { SnapshotService } from '../../modules/snapshot/snapshot.service';
import { UsersRepository } from '../../modules/users/users.repository';
import { say, withDatabase } from '../command-context';

export function registerAlertsCommand(program: Command): void {
  const alerts = program.command('alerts').description('practice alerts: the weekly email digest');

  alerts
    .command('send-digest')
    .description("email each user with an area their practices' alerts for the latest month (as the weekly schedule does)")
    .option('--dry-run', 'print the emails instead of sending them (no SMTP server needed)')
    .action(async (options: { dryRun?: boolean }) => {
      await withDatabase(async ({ config, dataSource }) => {
        const snapshot = new SnapshotService(config);
        const digest = new AlertDigestService(
          config,
          new AlertsService(snapshot, new OrgsService(snapshot)),
          UsersRepository.over(dataSource),
          AlertPreferencesRepository.over(dataSource),
        );
        try {
          const report = await digest.send({ dryRun: options.dryRun === true });
          if (options.dryRun) {
            for (const email of report.emails) process.stdout.write(`To: ${email.to}\nSubject: ${email.subject}\n\n${email.text}\n`);
          }
          for (const s of report.sent) say(`Sent ${s.email} ${s.alerts} ${s.alerts === 1 ? 'alert' : 'alerts'}.`);
          for (const s of report.skipped) say(`Skipped ${s.email}: ${s.reason}.`);
          for (const f of report.failed) say(`Could not send to ${f.email}: ${f.error}`);
          say(
            options.dryRun
              ? `Dry run: ${report.emails.length} ${report.emails.length === 1 ? 'email' : 'emails'} composed, none sent.`
              : `Digest${report.month ? ` for ${report.month}` : ''}: ${report.sent.length} sent, ${report.skipped.length} skipped, ${report.failed.length} failed.`,
          );
          if (report.failed.length > 0) throw new Error(`the digest could not be sent to ${report.failed.map((f) => f.email).join(', ')}`);
        } finally {
          digest.onModuleDestroy();
          snapshot.onModuleDestroy();
        }
      });
    });
}
