import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CronJob } from 'cron';
import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { UsersRepository } from '../users/users.repository';
import { composeDigest } from './alert-digest';
import { AlertPreferencesRepository } from './alert-preferences.repository';
import { AlertsService } from './alerts.service';

/** What one run of the digest did, person by person. */
export interface DigestReport {
  month: string;
  sent: { email: string; alerts: number }[];
  /** Active users who got nothing, and why. */
  skipped: { email: string; reason: 'turned off' | 'no alerts' | 'no area' }[];
  failed: { email: string; error: string }[];
}

const CRON_NAME = 'weekly-alerts-digest';

/** The weekly alerts email: on the configured schedule when SMTP is configured, and on demand (`pcsp alerts send-digest`). */
@Injectable()
export class AlertDigestService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AlertDigestService.name);
  private transport: Transporter | undefined;
  private job: CronJob | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: AlertsService,
    private readonly users: UsersRepository,
    private readonly preferences: AlertPreferencesRepository,
  ) {}

  /** Starts the weekly schedule in the server (the CLI sends on demand and never calls this). */
  onApplicationBootstrap(): void {
    if (!this.config.smtp) return;
    this.job = CronJob.from({
      cronTime: this.config.digestSchedule,
      onTick: () => {
        this.send().then(
          (report) => this.logger.log(`weekly alerts digest: ${report.sent.length} sent, ${report.failed.length} failed`),
          (error: unknown) => this.logger.error(`weekly alerts digest failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      },
      start: true,
      name: CRON_NAME,
    });
  }

  onModuleDestroy(): void {
    void this.job?.stop();
    this.transport?.close();
  }

  /** When the schedule sends the digest next (undefined when no schedule runs). */
  nextRun(): Date | undefined {
    return this.job?.isActive ? this.job.nextDate().toJSDate() : undefined;
  }

  /** Whether a digest can be sent at all (an SMTP server is configured). */
  get available(): boolean {
    return this.config.smtp !== undefined;
  }

  /**
   * Sends each active user with an area their practices' alerts, unless they turned the digest off
   * or there is nothing to tell; `dryRun` composes without sending. One failed address does not stop the rest.
   */
  async send(options: { dryRun?: boolean } = {}): Promise<DigestReport & { emails: ReturnType<typeof composeDigest>[] }> {
    const smtp = this.config.smtp;
    if (!smtp && !options.dryRun) throw new Error('SMTP_HOST is not set: configure SMTP_HOST and SMTP_FROM to send the alerts digest');
    const optedOut = await this.preferences.optedOut();
    const report: DigestReport & { emails: ReturnType<typeof composeDigest>[] } = { month: '', sent: [], skipped: [], failed: [], emails: [] };
    for (const user of await this.users.list()) {
      if (user.disabled) continue;
      if (optedOut.has(user.id)) {
        report.skipped.push({ email: user.email, reason: 'turned off' });
        continue;
      }
      if (user.role === 'admin' || user.areas.length === 0) {
        report.skipped.push({ email: user.email, reason: 'no area' });
        continue;
      }
      const { month, alerts } = await this.alerts.forRecipient(user);
      report.month = month;
      if (alerts.length === 0) {
        report.skipped.push({ email: user.email, reason: 'no alerts' });
        continue;
      }
      const email = composeDigest(user, month, alerts);
      report.emails.push(email);
      if (options.dryRun || !smtp) continue;
      try {
        await this.transporter().sendMail({ from: smtp.from, to: email.to, subject: email.subject, text: email.text });
        report.sent.push({ email: user.email, alerts: alerts.length });
      } catch (error) {
        report.failed.push({ email: user.email, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return report;
  }

  private transporter(): Transporter {
    const smtp = this.config.smtp;
    if (!smtp) throw new Error('SMTP_HOST is not set');
    this.transport ??= createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user === undefined ? undefined : { user: smtp.user, pass: smtp.password },
    });
    return this.transport;
  }
}
