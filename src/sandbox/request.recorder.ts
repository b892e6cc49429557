import type { RequestHandler, Response } from 'express';
import type { SandboxClock } from './sandbox.clock';
import { uploadedFiles } from './multipart.middleware';

/** What a client sent to the LAPOR! API, for tests that check what the bridge posted. */
export interface RecordedRequest {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body: unknown;
  /** Null while the request is unanswered (a timeout fault) or when the connection was dropped. */
  status: number | null;
}

export interface RequestFilter {
  method?: string;
  path?: string;
}

const MAX_ENTRIES = 5_000;
const ENTRY = 'sandboxRecord';

/**
 * Records every call to the LAPOR! API, including refused and faulted ones. Credentials are replaced
 * by "[redacted]" so the log can be printed in CI; the headers' presence still shows.
 */
export class RequestRecorder {
  private entries: RecordedRequest[] = [];
  private seq = 0;
  private readonly secretHeaders: Set<string>;

  constructor(
    private readonly clock: SandboxClock,
    authHeader: string,
  ) {
    this.secretHeaders = new Set([authHeader.toLowerCase(), 'token', 'cookie', 'proxy-authorization']);
  }

  /** First middleware of the API: the entry exists even if parsing, a fault or auth stops the request. */
  start(): RequestHandler {
    return (req, res, next) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        headers[name] = this.secretHeaders.has(name) ? '[redacted]' : String(value);
      }
      const entry: RecordedRequest = {
        seq: ++this.seq,
        time: this.clock.now().toISOString(),
        method: req.method,
        path: req.path,
        query: { ...req.query },
        headers,
        body: undefined,
        status: null,
      };
      this.entries.push(entry);
      if (this.entries.length > MAX_ENTRIES) this.entries.shift();
      res.locals[ENTRY] = entry;
      res.on('finish', () => {
        entry.status = res.statusCode;
      });
      next();
    };
  }

  /** Runs after the body parsers, so the parsed body (and uploaded file names) are kept. */
  captureBody(): RequestHandler {
    return (req, res, next) => {
      const entry = this.entryOf(res);
      if (entry) {
        const files = uploadedFiles(res.locals).map((f) => ({
          field: f.field,
          name: f.name,
          size: f.bytes.length,
        }));
        const body: unknown = req.body;
        entry.body = files.length ? { ...(body as object), _files: files } : body;
      }
      next();
    };
  }

  list(filter: RequestFilter = {}): RecordedRequest[] {
    const method = filter.method?.toUpperCase();
    return this.entries.filter(
      (e) => (!method || e.method === method) && (!filter.path || e.path.startsWith(filter.path)),
    );
  }

  clear(): void {
    this.entries = [];
  }

  private entryOf(res: Response): RecordedRequest | undefined {
    const entry: unknown = res.locals[ENTRY];
    return entry ? (entry as RecordedRequest) : undefined;
  }
}
