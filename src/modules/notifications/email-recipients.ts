/**
 * NOTIFY_EMAIL_TO: who receives the e-mail channel's notifications. A comma-separated list of
 * `code:address` pairs; `code` is a mission or desk code (missions.code, e.g. `tokyo`, `hq-djpk`) or
 * `*` for every notification. Pure: the env schema validates with it at boot, the e-mail client
 * picks recipients with it.
 */
export interface EmailRecipient {
  /** A mission or desk code, or `*` (every office). */
  code: string;
  address: string;
}

export const ANY_OFFICE = '*';

/** The same shape as missions_code_check. */
const CODE = /^[a-z0-9-]{2,40}$/;
/** A plain address (no display name): what an SMTP server takes in RCPT TO. */
const ADDRESS = /^[^\s@<>()[\],;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;

export class EmailRecipientsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmailRecipientsError';
  }
}

/**
 * Parses the list; the error names the first bad pair and says what a good one looks like. Codes
 * are lower-cased (mission codes are); blank items (a trailing comma) are ignored.
 */
export function parseEmailRecipients(raw: string): EmailRecipient[] {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length) throw new EmailRecipientsError('must list at least one code:address pair');
  return items.map((item) => {
    const at = item.indexOf(':');
    const bad = (why: string) =>
      new EmailRecipientsError(
        `has a bad pair "${item}": ${why} (expected code:address, e.g. tokyo:konsuler@kbritokyo.example or *:djpk@kemlu.example)`,
      );
    if (at < 0) throw bad('no ":" between the code and the address');
    const code = item.slice(0, at).trim().toLowerCase();
    const address = item.slice(at + 1).trim();
    if (code !== ANY_OFFICE && !CODE.test(code))
      throw bad(`"${code}" is not a mission or desk code (2-40 of a-z, 0-9, -) nor *`);
    if (!ADDRESS.test(address)) throw bad(`"${address}" is not an e-mail address`);
    return { code, address };
  });
}

/** The addresses for a notification to the office `missionCode`: its own and the `*` ones, once each. */
export function recipientsFor(list: readonly EmailRecipient[], missionCode: string): string[] {
  const seen = new Map<string, string>();
  for (const r of list)
    if (r.code === ANY_OFFICE || r.code === missionCode) seen.set(r.address.toLowerCase(), r.address);
  return [...seen.values()];
}
