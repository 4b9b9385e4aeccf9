import { PassThrough } from 'node:stream';
import type { Knex } from 'knex';
import { callLogRows } from '../../core/digest/call-log.repo';
import { callLogFileName, digestSubject } from '../../core/digest/digest.format';
import { renderDigestHtml } from '../../core/digest/digest.html';
import { isReportable } from '../../core/digest/digest.period';
import { DigestRepository } from '../../core/digest/digest.repo';
import { renderDigestText } from '../../core/digest/digest.text';
import type { DigestPeriod } from '../../core/digest/digest.types';
import { type ClaimRefusal, DigestsRepository } from '../../core/digest/digests.repo';
import type { Logger } from '../../core/logger';
import { writeCallLogXlsx } from '../../core/reports/call-log.export';
import type { MailHealth } from '../mail/mail.health';
import type { Mailer, SentMail } from '../mail/mail.transport';
import { errorMessage, mailDomain, RETRY_POLICY } from './retry.policy';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
  xlsx: { filename: string; content: Buffer };
}

export type DigestSendResult =
  | { status: 'sent'; messageId: string; destination: string }
  | { status: 'skipped'; reason: ClaimRefusal | 'no-recipient' | 'before-service' }
  | { status: 'failed'; error: string; attempts: number };

export interface DigestSenderOptions {
  knex: Knex;
  mailer: Mailer;
  health: MailHealth;
  logger: Logger;
  timeZone: string;
  /** PUBLIC_URL: the digest's ticket codes link to the admin app there. */
  publicUrl: string;
  /** DIGEST_TO; without it, the organisation's admin_email setting. */
  digestTo: string | undefined;
  mailFrom: string;
  now?: () => Date;
}

async function xlsxBuffer(knex: Knex, period: DigestPeriod, timeZone: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.once('end', resolve);
    out.once('error', reject);
  });
  await writeCallLogXlsx(callLogRows(knex, period.range), out, { sheetName: period.label, timeZone });
  await finished;
  return Buffer.concat(chunks);
}

/** Builds a period's digest and sends it, once, through the claim recorded in the digests table. */
export class DigestSender {
  private readonly figures: DigestRepository;
  private readonly digests: DigestsRepository;
  private readonly now: () => Date;
  /** Periods already warned about having no recipient: the sweep asks again every minute. */
  private readonly warnedNoRecipient = new Set<string>();

  constructor(private readonly options: DigestSenderOptions) {
    this.figures = new DigestRepository(options.knex);
    this.digests = new DigestsRepository(options.knex);
    this.now = options.now ?? (() => new Date());
  }

  async render(period: DigestPeriod): Promise<RenderedDigest> {
    const { knex, timeZone, publicUrl } = this.options;
    const report = await this.figures.build(period, { asOf: this.now(), timeZone, publicUrl });
    return {
      subject: digestSubject(report),
      html: renderDigestHtml(report),
      text: renderDigestText(report),
      xlsx: { filename: callLogFileName(period), content: await xlsxBuffer(knex, period, timeZone) },
    };
  }

  /** False for a period that began before the installation or the first ticket (see isReportable). */
  async isReportable(period: DigestPeriod): Promise<boolean> {
    return isReportable(period, await this.figures.serviceStart());
  }

  async recipients(): Promise<string[]> {
    const to = this.options.digestTo ?? (await this.figures.adminEmail());
    return to ? [to] : [];
  }

  /** The scheduled send: at most once per period, whichever instance gets there first. */
  async sendOnce(period: DigestPeriod): Promise<DigestSendResult> {
    const { logger, health } = this.options;
    const log = logger.child({ digest: period.kind, period: period.label });
    const recipients = await this.recipients();
    if (recipients.length === 0) {
      const problem = 'no digest recipient: set DIGEST_TO or the admin_email setting';
      const key = `${period.kind} ${period.label}`;
      if (this.warnedNoRecipient.has(key)) log.debug(problem);
      else log.warn(problem);
      this.warnedNoRecipient.add(key);
      health.failed(`${period.kind} ${period.label}`, problem, this.now());
      return { status: 'skipped', reason: 'no-recipient' };
    }
    const messageId = `<digest.${period.kind}.${period.label}@${mailDomain(this.options.mailFrom)}>`;
    const claim = await this.digests.claim(period.kind, period.label, {
      ...RETRY_POLICY,
      now: this.now(),
      recipients,
      messageId,
    });
    if (!claim.claimed) {
      log.debug('digest not claimed', { reason: claim.reason });
      return { status: 'skipped', reason: claim.reason };
    }
    log.info('sending digest', { attempt: claim.record.attempts, to: recipients });
    try {
      const sent = await this.deliver(period, recipients, messageId);
      await this.digests.markSent(claim.record, sent.messageId, this.now());
      health.sent(this.now());
      log.info('digest sent', { messageId: sent.messageId, destination: sent.destination });
      return { status: 'sent', messageId: sent.messageId, destination: sent.destination };
    } catch (error) {
      const message = errorMessage(error);
      await this.digests.markFailed(claim.record, message, this.now());
      health.failed(`${period.kind} ${period.label}`, error, this.now());
      log.error('digest failed; it will be retried', { attempt: claim.record.attempts, error: message });
      return { status: 'failed', error: message, attempts: claim.record.attempts };
    }
  }

  /** An extra copy to given addresses (the CLI's --to): not recorded, never blocks the scheduled send. */
  async sendCopy(period: DigestPeriod, to: string[]): Promise<SentMail> {
    return this.deliver(period, to, undefined);
  }

  async pendingRetries(): Promise<number> {
    return this.digests.countPendingRetries(RETRY_POLICY.maxAttempts);
  }

  private async deliver(
    period: DigestPeriod,
    to: string[],
    messageId: string | undefined,
  ): Promise<SentMail> {
    const digest = await this.render(period);
    return this.options.mailer.send({
      to,
      subject: digest.subject,
      html: digest.html,
      text: digest.text,
      attachments: [{ ...digest.xlsx, contentType: XLSX_TYPE }],
      ...(messageId ? { messageId } : {}),
    });
  }
}
