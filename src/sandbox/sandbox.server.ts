import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { controlComplaintsRouter } from './control-complaints.router';
import { controlOpsRouter } from './control-ops.router';
import { demoComplaints } from './demo-complaints.data';
import { FaultInjector } from './fault.injector';
import { laporAuth } from './lapor-auth.middleware';
import { laporApiRouter } from './lapor-api.router';
import { SANDBOX_INSTITUTIONS, type CodeName } from './lapor-masters.data';
import { multipartBody } from './multipart.middleware';
import { RequestRecorder } from './request.recorder';
import { SandboxClock } from './sandbox.clock';
import { SANDBOX_AUTH_HEADER, SANDBOX_INSTITUTION_ID, SANDBOX_WEBHOOK_SECRET } from './sandbox.defaults';
import { notFoundHandler, sandboxErrorHandler } from './sandbox-error.handler';
import { SandboxFiles } from './sandbox.files';
import { SandboxStore } from './sandbox.store';
import type { StoredComplaint } from './sandbox.types';
import { WebhookSender } from './webhook.sender';

export {
  SANDBOX_API_KEY,
  SANDBOX_TOKEN,
  SANDBOX_WEBHOOK_SECRET,
  SANDBOX_INSTITUTION_ID,
} from './sandbox.defaults';

export interface SandboxOptions {
  /** Expected bearer key. */
  apiKey: string;
  /** Expected `token` header value, a GUID in braces. */
  token: string;
  /** Header carrying `Bearer <key>`, matched case-insensitively; default Authorization. */
  authHeader?: string;
  /** whsec_... secret callbacks are signed with; default SANDBOX_WEBHOOK_SECRET. */
  webhookSecret?: string;
  /** Our institution (Kemenlu) in the sandbox; default SANDBOX_INSTITUTION_ID. */
  institutionId?: string;
  /** Seed the demo complaints (relative to the clock) at construction and on reset({ seedDemo }). */
  seedDemo?: boolean;
  /** Clock, for tests. */
  now?: () => Date;
}

/** LAPOR! caps bodies; the bridge's follow-ups are small, attachments bigger. */
const JSON_LIMIT = '1mb';
const MULTIPART_LIMIT = '20mb';
const CONTROL_LIMIT = '10mb';

/**
 * The bundled LAPOR! sandbox: a real HTTP server with the LAPOR-API.md contract at its root and the
 * control API under /_sandbox (no auth, never faulted). It holds only fictitious data in memory.
 */
export class SandboxServer {
  readonly app: express.Express;
  readonly clock: SandboxClock;
  readonly store: SandboxStore;
  readonly files = new SandboxFiles();
  readonly faults = new FaultInjector();
  readonly requests: RequestRecorder;
  readonly webhooks: WebhookSender;
  /** The institution master list, with our institution under the configured id. */
  readonly institutions: readonly CodeName[];
  private server: Server | null = null;
  private url: string | null = null;

  constructor(private readonly opts: SandboxOptions) {
    const institutionId = opts.institutionId ?? SANDBOX_INSTITUTION_ID;
    const authHeader = opts.authHeader ?? SANDBOX_AUTH_HEADER;
    this.institutions = SANDBOX_INSTITUTIONS.map((i) =>
      i.id === SANDBOX_INSTITUTION_ID ? { ...i, id: institutionId } : i,
    );
    this.clock = new SandboxClock(opts.now);
    this.store = new SandboxStore(this.clock, this.institutions[0]);
    this.requests = new RequestRecorder(this.clock, authHeader);
    this.webhooks = new WebhookSender(this.store, this.clock, opts.webhookSecret ?? SANDBOX_WEBHOOK_SECRET);
    this.app = this.buildApp(authHeader);
    if (opts.seedDemo) this.seedDemo();
  }

  /** Base URL once started, e.g. http://127.0.0.1:4010. */
  get baseUrl(): string | null {
    return this.url;
  }

  seedDemo(): StoredComplaint[] {
    return demoComplaints(this.clock.now(), this.store.institution).map((c) => this.store.create(c));
  }

  /** Clears complaints, files, faults, the request and delivery logs and the clock offset. */
  reset(seedDemo = false): void {
    this.store.reset();
    this.files.clear();
    this.faults.clear();
    this.requests.clear();
    this.webhooks.clear();
    this.clock.setOffset(0);
    if (seedDemo) this.seedDemo();
  }

  start(port: number, host = '127.0.0.1'): Promise<string> {
    if (this.server) return Promise.reject(new Error('LAPOR! sandbox already started'));
    return new Promise((resolve, reject) => {
      const server = this.app.listen(port, host);
      server.once('error', reject);
      server.once('listening', () => {
        server.off('error', reject);
        const address = server.address() as AddressInfo;
        const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        this.server = server;
        this.url = `http://${shownHost}:${address.port}`;
        resolve(this.url);
      });
    });
  }

  /** Closes every socket at once, including requests a timeout fault holds open. */
  stop(): Promise<void> {
    const server = this.server;
    this.faults.dispose();
    if (!server) return Promise.resolve();
    this.server = null;
    this.url = null;
    return new Promise((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });
  }

  private buildApp(authHeader: string): express.Express {
    const app = express();
    app.disable('x-powered-by');
    app.disable('etag');

    app.use(
      '/_sandbox',
      express.json({ limit: CONTROL_LIMIT }),
      controlOpsRouter({
        clock: this.clock,
        faults: this.faults,
        requests: this.requests,
        webhooks: this.webhooks,
        reset: (seed) => this.reset(seed),
        info: () => this.info(authHeader),
      }),
      controlComplaintsRouter(this.store, this.files, this.institutions),
      notFoundHandler(),
    );

    app.use(
      this.requests.start(),
      express.json({ limit: JSON_LIMIT }),
      express.urlencoded({ extended: false, limit: JSON_LIMIT }),
      ...multipartBody(MULTIPART_LIMIT),
      this.requests.captureBody(),
      this.faults.middleware(),
      laporAuth({ apiKey: this.opts.apiKey, token: this.opts.token, authHeader }),
      laporApiRouter({ store: this.store, files: this.files, institutions: this.institutions }),
      notFoundHandler(),
    );
    app.use(sandboxErrorHandler());
    return app;
  }

  private info(authHeader: string): Record<string, unknown> {
    return {
      sandbox: true,
      warning: 'LAPOR! SANDBOX: fictitious data, not the real SP4N-LAPOR!',
      institution: this.store.institution,
      authHeader,
      now: this.clock.now().toISOString(),
      complaints: this.store.list().length,
      faults: this.faults.list().length,
    };
  }
}
