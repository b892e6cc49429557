import { Injectable, Logger } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ConfigService } from '../config/config.service';

/** Development-only key, derived from a fixed phrase; production refuses to start without ENCRYPTION_KEY. */
const DEV_KEY_ID = 'dev';
const DEV_KEY = createHash('sha256').update('lapor-bridge development key: not for real data').digest();

/** A stored value could not be decrypted (unknown key id, tampered or truncated). */
export class FieldDecryptionError extends Error {}

/**
 * Reporter name, e-mail and phone are encrypted at rest with AES-256-GCM (SPEC.md "Intake"). A
 * stored value is `<keyId>:<base64(iv ‖ tag ‖ ciphertext)>`: the key id lets a new key encrypt while
 * older keys still decrypt (rotation). ENCRYPTION_KEY lists the keys, the first one encrypts.
 */
@Injectable()
export class FieldCipher {
  private readonly keys = new Map<string, Buffer>();
  private readonly activeKeyId: string;

  constructor(config: ConfigService) {
    const raw = config.get('ENCRYPTION_KEY');
    if (!raw) {
      new Logger(FieldCipher.name).warn(
        'ENCRYPTION_KEY is not set: reporter data is encrypted with the development key (refused in production)',
      );
      this.keys.set(DEV_KEY_ID, DEV_KEY);
      this.activeKeyId = DEV_KEY_ID;
      return;
    }
    const items = raw.split(',').map((s) => s.trim());
    for (const item of items) {
      const [id, b64] = item.split(':');
      this.keys.set(id, Buffer.from(b64, 'base64'));
    }
    this.activeKeyId = items[0].split(':')[0];
    // Data written with the development key stays readable after a real key is configured.
    if (!this.keys.has(DEV_KEY_ID) && !config.isProduction) this.keys.set(DEV_KEY_ID, DEV_KEY);
  }

  encrypt(plain: string | null | undefined): string | null {
    if (plain === null || plain === undefined || plain === '') return null;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${this.activeKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
  }

  decrypt(stored: string | null | undefined): string | null {
    if (!stored) return null;
    const sep = stored.indexOf(':');
    const key = sep > 0 ? this.keys.get(stored.slice(0, sep)) : undefined;
    if (!key) throw new FieldDecryptionError(`no key for id "${stored.slice(0, Math.max(sep, 0))}"`);
    const buf = Buffer.from(stored.slice(sep + 1), 'base64');
    if (buf.length < 28) throw new FieldDecryptionError('stored value is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
    } catch (e) {
      throw new FieldDecryptionError('stored value failed authentication', { cause: e });
    }
  }

  /** The id of the key that encrypts (the first of ENCRYPTION_KEY). */
  get activeKey(): string {
    return this.activeKeyId;
  }

  /** True when the value was written with an older key (`npm run cli -- rekey` rewrites these). */
  needsRotation(stored: string | null): boolean {
    return !!stored && !stored.startsWith(`${this.activeKeyId}:`);
  }
}
