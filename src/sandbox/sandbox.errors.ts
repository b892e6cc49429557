/**
 * An error the sandbox answers as LAPOR! would: `{ success: false, message, errors? }` with the given
 * HTTP status (404 unknown complaint, 409 duplicate id, 422 validation with Laravel-style field errors).
 */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'SandboxError';
  }

  static notFound(what: string): SandboxError {
    return new SandboxError(404, `${what} tidak ditemukan`);
  }

  static invalid(field: string, message: string): SandboxError {
    return new SandboxError(422, 'Data yang diberikan tidak valid.', { [field]: [message] });
  }
}
