import { ConfigService } from '../config/config.service';
import { loadEnv } from '../config/load-env';
import { FieldCipher, FieldDecryptionError } from './field-cipher';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const cipherWith = (ENCRYPTION_KEY?: string) =>
  new FieldCipher(new ConfigService(loadEnv(ENCRYPTION_KEY ? { ENCRYPTION_KEY } : {})));

describe('FieldCipher', () => {
  it('round-trips text, with a fresh IV each time and the key id in front', () => {
    const c = cipherWith(`k1:${key(1)}`);
    const a = c.encrypt('Siti Aminah');
    const b = c.encrypt('Siti Aminah');
    expect(a).toMatch(/^k1:/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Siti');
    expect(c.decrypt(a)).toBe('Siti Aminah');
    expect(c.encrypt('')).toBeNull();
    expect(c.decrypt(null)).toBeNull();
  });

  it('rotates: the first key encrypts, older keys still decrypt', () => {
    const old = cipherWith(`k1:${key(1)}`).encrypt('+62 812-0000-1111');
    const rotated = cipherWith(`k2:${key(2)},k1:${key(1)}`);
    expect(rotated.decrypt(old)).toBe('+62 812-0000-1111');
    expect(rotated.encrypt('x')).toMatch(/^k2:/);
    expect(rotated.needsRotation(old)).toBe(true);
  });

  it('refuses tampered values and unknown keys', () => {
    const c = cipherWith(`k1:${key(1)}`);
    const stored = c.encrypt('reporter@example.id')!;
    const raw = Buffer.from(stored.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => c.decrypt(`k1:${raw.toString('base64')}`)).toThrow(FieldDecryptionError);
    expect(() => cipherWith(`k9:${key(9)}`).decrypt(stored)).toThrow(/no key for id "k1"/);
  });
});
