import { control } from '../intake/poller.helper';
import type { ChaosBed } from './chaos-bed';

/** Complaints whose text names a mission the router cannot miss, one per mission with a handler token. */
export const MISSION_TEXTS: Record<string, { title: string; content: string }> = {
  osaka: {
    title: 'Paspor hilang di Osaka',
    content: 'Paspor saya hilang di stasiun Umeda, Osaka. Bagaimana mengurus SPLP untuk pulang?',
  },
  seoul: {
    title: 'Perpanjangan paspor di KBRI Seoul sudah 3 minggu belum jadi',
    content:
      'Saya ajukan penggantian paspor di KBRI Seoul, di website ditulis selesai 3 hari kerja. Sudah 3 minggu ' +
      'status masih diproses dan telp ke bagian konsuler tidak pernah diangkat.',
  },
};

export interface LoadOptions {
  /** A new complaint created in LAPOR! and pushed by signed webhook every this many ms. */
  webhookEveryMs: number;
  /** A new complaint created in LAPOR! and left for the poll every this many ms. */
  pollEveryMs: number;
  /** Public follow-ups a handler writes on each complaint, one after the other. */
  followUpsPerComplaint: number;
}

export interface Created {
  laporId: string;
  via: 'webhook' | 'poll';
  mission: string;
}

/** The parts of the API's answers the handlers read: the inbox list and the complaint page. */
interface ApiBody {
  data?: { id: string; missionCode: string | null }[];
  followUps?: { content: string; visibility: string }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The steady load of the chaos suite, as LAPOR! and the handlers make it: complaints arriving by
 * signed webhook (LAPOR!'s sender retrying what was not acknowledged, as it does for days, and
 * sometimes sending twice, concurrently or an older snapshot after the new one) and by poll, and
 * handlers answering every routed complaint with public follow-ups through the API (If-Match).
 */
export class ChaosLoad {
  readonly created: Created[] = [];
  /** LAPOR! id → the public follow-ups the API accepted (200), in the order they were written. */
  readonly written = new Map<string, string[]>();
  /** Webhook answers by status (every attempt, retries included; 0 = no answer). */
  readonly webhookAnswers = new Map<number, number>();
  /** Follow-up POST answers by status (0 = no answer). */
  readonly followUpAnswers = new Map<number, number>();
  webhookDeliveries = 0;
  webhookRetries = 0;
  /** Follow-ups whose POST went unanswered or failed, then found already stored when looked up. */
  followUpsFoundAfterError = 0;
  /** Things a user would call a bug on the spot: answers the caller cannot act on. */
  readonly problems: string[] = [];

  private running = false;
  private readonly tasks: Promise<void>[] = [];
  /** Writers and webhook retries still under way. */
  pending = 0;
  private seq = 0;
  private readonly deadline: number;

  constructor(
    private readonly bed: ChaosBed,
    private readonly opts: LoadOptions,
    /** Writers and LAPOR!'s webhook retries give up at this time (the test then fails on the ledger). */
    deadlineMs: number,
  ) {
    this.deadline = Date.now() + deadlineMs;
  }

  start(): void {
    this.running = true;
    this.tasks.push(this.loop(this.opts.webhookEveryMs, () => this.viaWebhook()));
    this.tasks.push(this.loop(this.opts.pollEveryMs, () => this.viaPoll()));
  }

  /** No new complaints; the writers and webhook retries already under way go on. */
  stop(): void {
    this.running = false;
  }

  /** Waits for every writer and webhook retry to finish. */
  async settle(): Promise<void> {
    for (let i = 0; i < this.tasks.length; i++) await this.tasks[i];
  }

  private async loop(everyMs: number, step: () => Promise<void>): Promise<void> {
    while (this.running) {
      this.track(step());
      await sleep(everyMs);
    }
  }

  private track(task: Promise<void>): void {
    this.pending++;
    this.tasks.push(
      task
        .catch((e: Error) => void this.problems.push(`load task failed: ${e.message}`))
        .finally(() => this.pending--),
    );
  }

  private nextComplaint(): { mission: string; body: Record<string, unknown> } {
    const missions = [...this.bed.tokens.keys()];
    const n = ++this.seq;
    const mission = missions[n % missions.length];
    const text = MISSION_TEXTS[mission];
    return { mission, body: { title: `${text.title} (chaos ${n})`, content: text.content } };
  }

  private async create(via: Created['via']): Promise<Created> {
    const { mission, body } = this.nextComplaint();
    const [laporId] = await control(this.bed.laporUrl).create([body]);
    const c = { laporId, via, mission };
    this.created.push(c);
    this.track(this.answer(c));
    return c;
  }

  /**
   * A burst: `n` complaints pushed by webhook at once (LAPOR! catching up after an outage of its own),
   * so that for a moment routing jobs wait in Redis. Resolves once they are all sent (not acknowledged).
   */
  burst(n: number): void {
    for (let i = 0; i < n; i++)
      this.track(
        this.create('webhook').then((c) =>
          this.deliver({ type: 'complaint.dispositioned', complaintId: c.laporId }),
        ),
      );
  }

  private async viaPoll(): Promise<void> {
    await this.create('poll');
  }

  private async viaWebhook(): Promise<void> {
    const c = await this.create('webhook');
    const r = Math.random();
    await this.deliver({
      type: 'complaint.dispositioned',
      complaintId: c.laporId,
      duplicate: r < 0.3,
      outOfOrder: r >= 0.3 && r < 0.5,
      concurrent: r < 0.15 || (r >= 0.3 && r < 0.4),
      thin: r >= 0.9,
    });
    // Now and then LAPOR! pushes an update of an older complaint again (nothing changed in it).
    if (this.created.length > 3 && Math.random() < 0.3) {
      const older = this.created[Math.floor(Math.random() * (this.created.length - 1))];
      await this.deliver({ type: 'complaint.updated', complaintId: older.laporId, duplicate: true });
    }
  }

  /**
   * The sandbox signs and sends the callback; what was not answered 2xx is sent again, byte for byte
   * (same webhook-id), as LAPOR!'s sender retries.
   */
  private async deliver(req: Record<string, unknown>): Promise<void> {
    const url = `${this.bed.apiUrl}/webhooks/lapor`;
    const res = await control(this.bed.laporUrl).call('POST', '/webhooks/deliver', { url, ...req });
    const sent = res.data as { headers: Record<string, string>; body: string; status: number | null }[];
    await Promise.all(
      sent.map(async (d) => {
        this.webhookDeliveries++;
        let status = d.status ?? 0;
        this.count(this.webhookAnswers, status);
        for (let wait = 250; !(status >= 200 && status < 300); wait = Math.min(wait * 2, 3000)) {
          if (status >= 400 && status < 500) {
            // A 4xx tells LAPOR!'s sender to give up: the complaint would be lost for good.
            this.problems.push(`webhook answered ${status}: ${d.body.slice(0, 200)}`);
            return;
          }
          if (Date.now() > this.deadline) {
            this.problems.push(`webhook never acknowledged (last ${status}): ${d.body.slice(0, 120)}`);
            return;
          }
          await sleep(wait);
          this.webhookRetries++;
          status = await fetch(url, { method: 'POST', headers: d.headers, body: d.body }).then(
            (r) => r.status,
            () => 0,
          );
          this.count(this.webhookAnswers, status);
        }
      }),
    );
  }

  private api(mission: string, path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.bed.apiUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${this.bed.tokens.get(mission)}`,
        'content-type': 'application/json',
        ...(init.headers as Record<string, string>),
      },
      signal: AbortSignal.timeout(15_000),
    });
  }

  private async getJson(
    mission: string,
    path: string,
  ): Promise<{ status: number; etag?: string; body?: ApiBody }> {
    try {
      const res = await this.api(mission, path);
      const body = res.ok ? ((await res.json()) as ApiBody) : undefined;
      return { status: res.status, etag: res.headers.get('etag') ?? undefined, body };
    } catch {
      return { status: 0 };
    }
  }

  /** The mission's handler waits for the complaint in its inbox, then writes its follow-ups in order. */
  private async answer(c: Created): Promise<void> {
    let id: string | undefined;
    while (!id) {
      if (Date.now() > this.deadline) return; // the ledger reports the complaint as not routed
      const found = await this.getJson(c.mission, `/api/v1/complaints?laporId=${c.laporId}`);
      const row = found.body?.data?.[0];
      if (row?.missionCode) id = row.id;
      else await sleep(300);
    }
    for (let k = 1; k <= this.opts.followUpsPerComplaint; k++) {
      const text = `Tindak lanjut ${k} untuk laporan ${c.laporId}: mohon lengkapi berkas SPLP Anda.`;
      if (!(await this.followUp(c.mission, id, text))) return;
      this.written.set(c.laporId, [...(this.written.get(c.laporId) ?? []), text]);
      await sleep(200 + Math.random() * 800);
    }
  }

  /**
   * One public follow-up, written as a careful client does: read the complaint (its ETag), post with
   * If-Match; on 412 read again; when the answer is lost (a 5xx, no answer) look whether the words
   * are there before writing them again, so the handler never says the same thing twice.
   */
  private async followUp(mission: string, id: string, text: string): Promise<boolean> {
    let unsure = false;
    for (let wait = 200; Date.now() < this.deadline; wait = Math.min(wait * 2, 2000)) {
      const read = await this.getJson(mission, `/api/v1/complaints/${id}`);
      if (read.status !== 200 || !read.etag) {
        await sleep(wait);
        continue;
      }
      const mine = (read.body?.followUps ?? []).filter(
        (f) => f.visibility === 'public' && f.content === text,
      );
      if (mine.length > 1) this.problems.push(`follow-up stored ${mine.length} times: ${text}`);
      if (mine.length) {
        if (unsure) this.followUpsFoundAfterError++;
        return true;
      }
      const status = await this.api(mission, `/api/v1/complaints/${id}/followups`, {
        method: 'POST',
        headers: { 'if-match': read.etag },
        body: JSON.stringify({ visibility: 'public', content: text }),
      }).then(
        (r) => r.status,
        () => 0,
      );
      this.count(this.followUpAnswers, status);
      if (status === 200) return true;
      if (status === 412) continue;
      if (status >= 400 && status < 500) {
        this.problems.push(`follow-up answered ${status} on ${id}`);
        return false;
      }
      unsure = true;
      await sleep(wait);
    }
    this.problems.push(`follow-up never accepted on ${id}: ${text}`);
    return false;
  }

  private count(m: Map<number, number>, status: number): void {
    m.set(status, (m.get(status) ?? 0) + 1);
  }
}
