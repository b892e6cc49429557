import type { ErrorRequestHandler, RequestHandler } from 'express';
import { SandboxError } from './sandbox.errors';

/** body-parser errors carry an HTTP status and a type such as entity.parse.failed. */
function httpStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('status' in err)) return undefined;
  const status = err.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** Every error leaves as LAPOR!'s `{ success: false, message, errors? }`; internals never do. */
export function sandboxErrorHandler(): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof SandboxError) {
      res
        .status(err.status)
        .json({ success: false, message: err.message, ...(err.errors && { errors: err.errors }) });
      return;
    }
    const status = httpStatusOf(err);
    if (status) {
      const message = status === 413 ? 'Body terlalu besar' : 'Body permintaan tidak valid';
      res.status(status).json({ success: false, message });
      return;
    }
    process.stderr.write(
      `[lapor-sandbox] unexpected error: ${err instanceof Error ? err.stack : String(err)}\n`,
    );
    res.status(500).json({ success: false, message: 'Internal sandbox error' });
  };
}

export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    res.status(404).json({ success: false, message: `Route ${req.method} ${req.path} tidak ditemukan` });
  };
}
