import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * OWASP's "device cookie": after a successful sign-in the browser gets a signed token naming the
 * account, so a later attempt from it is counted against that device rather than the account,
 * and strangers' failures cannot delay the owner. It opens nothing by itself.
 */
export const DEVICE_COOKIE = 'hotline_device';

export interface KnownDevice {
  userId: number;
  /** Random, per device cookie: the key its failures are counted under. */
  nonce: string;
}

/** userId.nonce.expiresAtSeconds.signature, all URL-safe. */
const TOKEN = /^(\d{1,10})\.([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export class DeviceCookies {
  #secret: Promise<Buffer> | undefined;

  constructor(
    private readonly loadSecret: () => Promise<Buffer>,
    readonly maxAgeMs: number,
  ) {}

  async issue(userId: number, now: Date): Promise<string> {
    const nonce = randomBytes(16).toString('base64url');
    const expiresAtSeconds = Math.floor((now.getTime() + this.maxAgeMs) / 1000);
    const body = `${userId}.${nonce}.${expiresAtSeconds}`;
    return `${body}.${await this.signatureOf(body)}`;
  }

  /** The device a token names, or null when it is malformed, forged or expired. */
  async verify(token: string | undefined, now: Date): Promise<KnownDevice | null> {
    const match = token === undefined ? null : TOKEN.exec(token);
    if (!match) return null;
    const [, userId = '', nonce = '', expiresAtSeconds = '', signature = ''] = match;
    const expected = Buffer.from(await this.signatureOf(`${userId}.${nonce}.${expiresAtSeconds}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (Number(expiresAtSeconds) * 1000 <= now.getTime()) return null;
    return { userId: Number(userId), nonce };
  }

  private async signatureOf(body: string): Promise<string> {
    this.#secret ??= this.loadSecret().catch((error: unknown) => {
      this.#secret = undefined;
      throw error;
    });
    return createHmac('sha256', await this.#secret)
      .update(body)
      .digest('base64url');
  }
}
