import { randomUUID } from 'node:crypto'
import type { FastifyServerOptions } from 'fastify'
import { redactPaths } from './common/mask.ts'
import type { Config } from './config.ts'

/** pino JSON logs with a request id per request and personal data redacted. */
export function loggerOptions(config: Pick<Config, 'LOG_LEVEL'>): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader'> {
  return {
    logger: {
      level: config.LOG_LEVEL,
      redact: { paths: redactPaths, censor: '[redacted]' },
    },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  }
}
