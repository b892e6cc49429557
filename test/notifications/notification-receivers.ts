import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';

/** One POST the webhook receiver got, and what it answered. */
export interface WebhookHit {
  headers: Record<string, string>;
  body: string;
  /** Webhook.verify (the standardwebhooks library) accepted the signature and timestamp. */
  verified: boolean;
  answered: number;
}

/**
 * A webhook receiver on an ephemeral port that verifies every delivery with the library's
 * Webhook.verify. Answers 200 unless told to answer something else for the next deliveries; `hang`
 * keeps a request open without answering (a timeout).
 */
export class WebhookReceiver {
  readonly hits: WebhookHit[] = [];
  private readonly script: (number | 'hang')[] = [];
  private server?: Server;
  url = '';

  constructor(private readonly secret: string) {}

  /** The next deliveries get these answers, in order; then 200 again. */
  answerNext(...statuses: (number | 'hang')[]): void {
    this.script.push(...statuses);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
        );
        let verified = true;
        try {
          new Webhook(this.secret).verify(body, headers);
        } catch {
          verified = false;
        }
        const next = this.script.shift() ?? 200;
        this.hits.push({ headers, body, verified, answered: next === 'hang' ? 0 : next });
        if (next === 'hang') return;
        res.writeHead(next, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/lapor`;
    return this;
  }

  /** Deliveries whose body is about this complaint. */
  about(complaintId: string): WebhookHit[] {
    return this.hits.filter((h) => h.body.includes(complaintId));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** One message the SMTP server accepted. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as sent, with header folding and quoted-printable undone (what a reader sees). */
  text: string;
}

/** An SMTP server on an ephemeral port (smtp-server), without TLS or authentication. */
export class MailReceiver {
  readonly mails: ReceivedMail[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        this.mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((a) => a.address),
          text: readable(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
    return this;
  }

  about(complaintId: string): ReceivedMail[] {
    return this.mails.filter((m) => m.text.includes(complaintId));
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** Undoes header folding (in the header block) and quoted-printable soft breaks and escapes (in the body). */
function readable(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw
    .slice(split + 4)
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return `${head}\n\n${body}`.replace(/\r\n/g, '\n');
}
