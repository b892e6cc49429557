import { hkdfSync, randomBytes } from 'node:crypto';
import type { ConfigService } from '../config/config.service';

/**
 * Keys for one purpose (e.g. signing dashboard sessions), derived with HKDF-SHA256 from each key of
 * ENCRYPTION_KEY, so a purpose never uses the reporter-data key itself and two purposes never share
 * a key. Same order as ENCRYPTION_KEY: the first signs, all of them verify (rotation).
 *
 * Without ENCRYPTION_KEY (development only: production refuses to start without it) the key is
 * random per process, so nothing signed can be forged from a key that is in the source code; the
 * price is that signatures do not survive a restart.
 */
export function deriveKeys(config: ConfigService, purpose: string): Buffer[] {
  const raw = config.get('ENCRYPTION_KEY');
  if (!raw) return [randomBytes(32)];
  return raw.split(',').map((item) => {
    const [id, b64] = item.trim().split(':');
    const ikm = Buffer.from(b64, 'base64');
    return Buffer.from(hkdfSync('sha256', ikm, `lapor-bridge:${id}`, purpose, 32));
  });
}
