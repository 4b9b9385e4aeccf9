import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type StreamTransport from 'nodemailer/lib/stream-transport';
import { redactUrl } from '../../core/config';
import type { Logger } from '../../core/logger';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
  /** A Message-ID chosen by the caller ('<id@host>'), so a resent message can be recognised. */
  messageId?: string;
}

export interface SentMail {
  messageId: string;
  /** Where the message went: the SMTP server, or the .eml file written instead. */
  destination: string;
}

/** Sends e-mail; the only part of the service that talks to nodemailer. */
export interface Mailer {
  /** For logs and /healthz: 'smtp://mail.example:587' or 'files under data/outbox'. */
  readonly description: string;
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  dataDir: string;
  from: string;
  logger: Logger;
}

function fileNameFor(messageId: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const slug = messageId
    .replace(/[<>]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 80);
  return `${stamp}-${slug}.eml`;
}

/**
 * The transport, built at the first message: loading nodemailer takes 0.1–0.2 s that a start
 * would otherwise spend before /healthz, and most starts send nothing for a while.
 */
function lazyTransport<T extends Transporter<unknown>>(
  build: (mailer: typeof import('nodemailer')) => T,
): { get(): Promise<T>; close(): void } {
  let transport: Promise<T> | undefined;
  return {
    get() {
      transport ??= import('nodemailer').then((mailer) => build(mailer));
      return transport;
    },
    close() {
      void transport?.then((built) => built.close());
    },
  };
}

/**
 * SMTP when SMTP_URL is set. Without it, each message is built exactly as it would be sent and
 * written as an .eml file under DATA_DIR/outbox (any mail client opens it), and the log says where,
 * so a fresh installation shows its mail instead of losing it.
 */
export function createMailer(options: MailerOptions): Mailer {
  const { smtpUrl, from, logger } = options;
  if (smtpUrl) {
    const transport = lazyTransport<Transporter<SMTPTransport.SentMessageInfo>>((mailer) =>
      mailer.createTransport(smtpUrl),
    );
    const description = redactUrl(smtpUrl) ?? 'smtp';
    return {
      description,
      async send(message) {
        const info = await (await transport.get()).sendMail({ from, ...message });
        logger.info('mail sent', { to: message.to, subject: message.subject, messageId: info.messageId });
        return { messageId: info.messageId, destination: description };
      },
      close: () => transport.close(),
    };
  }
  const outbox = path.resolve(options.dataDir, 'outbox');
  const transport = lazyTransport<Transporter<StreamTransport.SentMessageInfo>>((mailer) =>
    mailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }),
  );
  return {
    description: `files under ${outbox}`,
    async send(message) {
      const info = await (await transport.get()).sendMail({ from, ...message });
      await mkdir(outbox, { recursive: true });
      const file = path.join(outbox, fileNameFor(info.messageId, new Date()));
      await writeFile(file, info.message as Buffer);
      logger.info(`no SMTP_URL: mail written to ${file}`, { to: message.to, subject: message.subject });
      return { messageId: info.messageId, destination: file };
    },
    close: () => transport.close(),
  };
}
