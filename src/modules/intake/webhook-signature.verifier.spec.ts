import { Webhook } from 'standardwebhooks';
import { ConfigService } from '../../core/config/config.service';
import { loadEnv } from '../../core/config/load-env';
import { WebhookSignatureVerifier } from './webhook-signature.verifier';

const OLD = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NEW = 'whsec_c2FuZGJveC1sYXBvci1icmlkZ2Utd2ViaG9vay1zZWNyZXQ=';
const now = new Date('2026-11-23T07:00:00Z');
const ts = Math.floor(now.getTime() / 1000);

function verifier(secrets = `${NEW},${OLD}`, tolerance = '300') {
  return new WebhookSignatureVerifier(
    new ConfigService(loadEnv({ LAPOR_WEBHOOK_SECRETS: secrets, WEBHOOK_TOLERANCE_S: tolerance })),
  );
}

function signed(body: string, secret = NEW, id = 'msg_2Kj9', at = now) {
  return {
    id,
    timestamp: String(Math.floor(at.getTime() / 1000)),
    signature: new Webhook(secret).sign(id, at, body),
  };
}

describe('WebhookSignatureVerifier', () => {
  const body = '{"type":"complaint.updated","data":{"complaint_id":"2600001"}}';

  it('accepts what the official standardwebhooks library signs, with either active secret', () => {
    expect(() => verifier().verify(signed(body, NEW), Buffer.from(body), now)).not.toThrow();
    expect(() => verifier().verify(signed(body, OLD), Buffer.from(body), now)).not.toThrow();
  });

  it('agrees with the library on bodies with multi-byte characters', () => {
    const unicode = '{"title":"Paspor hilang — tolong 🙏","kota":"Zürich"}';
    expect(() => verifier().verify(signed(unicode), Buffer.from(unicode), now)).not.toThrow();
  });

  it('accepts a header listing several signatures when one matches (sender rotating keys)', () => {
    const h = signed(body, NEW);
    const other = new Webhook('whsec_' + Buffer.alloc(32, 9).toString('base64')).sign(h.id, now, body);
    expect(() =>
      verifier().verify({ ...h, signature: `${other} ${h.signature}` }, Buffer.from(body), now),
    ).not.toThrow();
  });

  it('refuses a tampered body, a re-serialised body, a retired secret and a wrong id', () => {
    const h = signed(body);
    expect(() => verifier().verify(h, Buffer.from(body.replace('2600001', '2600002')), now)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID', status: 401 }),
    );
    const reserialised = JSON.stringify(JSON.parse(body), null, 1);
    expect(() => verifier().verify(h, Buffer.from(reserialised), now)).toThrow(
      /No webhook-signature matches/,
    );
    expect(() => verifier(NEW).verify(signed(body, OLD), Buffer.from(body), now)).toThrow(
      /No webhook-signature/,
    );
    expect(() => verifier().verify({ ...h, id: 'msg_other' }, Buffer.from(body), now)).toThrow(
      /No webhook-signature/,
    );
  });

  it('enforces the tolerance to the second, in the past and in the future', () => {
    const v = verifier(NEW, '300');
    const at = (offsetS: number) => signed(body, NEW, 'msg_t', new Date(now.getTime() + offsetS * 1000));
    expect(() => v.verify(at(-300), Buffer.from(body), now)).not.toThrow();
    expect(() => v.verify(at(-301), Buffer.from(body), now)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_TIMESTAMP_STALE' }),
    );
    expect(() => v.verify(at(300), Buffer.from(body), now)).not.toThrow();
    expect(() => v.verify(at(301), Buffer.from(body), now)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_TIMESTAMP_FUTURE' }),
    );
  });

  it('refuses missing or malformed headers with their own codes', () => {
    const h = signed(body);
    expect(() => verifier().verify({ ...h, signature: undefined }, Buffer.from(body), now)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_MISSING' }),
    );
    expect(() => verifier().verify({ ...h, timestamp: '1e9' }, Buffer.from(body), now)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_TIMESTAMP_INVALID' }),
    );
    expect(() => verifier().verify({ ...h, signature: 'v2,abc' }, Buffer.from(body), now)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
    expect(ts).toBeGreaterThan(0);
  });
});
