/** One field that failed validation, as listed in a 400 problem document. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A domain error with a stable machine-readable code (e.g. COMPLAINT_INVALID_TRANSITION) and the
 * HTTP status it maps to. Services throw these; one global filter turns them into problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extras: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationFailedError extends DomainError {
  constructor(errors: FieldError[], message = 'The request is not valid.') {
    super('VALIDATION_FAILED', 400, message, { errors });
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', 404, `${what} was not found.`);
  }
}
