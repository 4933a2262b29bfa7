// Domain errors, mapped to HTTP in one place (server/common/error-handler.ts).
// Every error body is { error: CODE, message, field?, reason? } (contracts.md section 6).

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** A stable key for why (pages word it in their own language); the message is English. */
    readonly reason?: string,
  ) {
    super(message)
  }
}

/** What a client receives for a domain error, over HTTP and in socket acknowledgements alike. */
export interface ErrorBody { error: string; message: string; field?: string; reason?: string }

export function errorBody(err: AppError): ErrorBody {
  return { error: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(err.reason ? { reason: err.reason } : {}) }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'NOT_FOUND', `${what} not found`)
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'not allowed for your role or branch') {
    super(403, 'FORBIDDEN', message)
  }
}

export class ValidationError extends AppError {
  constructor(field: string, message: string) {
    super(400, 'VALIDATION_ERROR', `${field}: ${message}`, field)
  }
}

/** The request is well formed but the thing it acts on is in the wrong state (e.g. a call already ended). */
export class ConflictError extends AppError {
  constructor(message: string, reason?: string) {
    super(422, 'INVALID_STATE', message, undefined, reason)
  }
}
