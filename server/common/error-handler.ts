import type { FastifyError, FastifyInstance } from 'fastify'
import { AppError, errorBody } from './errors.ts'

/**
 * The one place errors become HTTP: { error: CODE, message, field?, reason? }. Validation errors name
 * the offending field; 5xx are logged with the request and answered without details.
 */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.statusCode).send(errorBody(err))
    }
    if (err.validation) {
      const first = err.validation[0]
      const params = (first?.params ?? {}) as { missingProperty?: string; requiredProperties?: string[] }
      const path = (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.')
      const missing = params.missingProperty ?? params.requiredProperties?.[0]
      const field = [path, missing].filter(Boolean).join('.') || err.validationContext || 'body'
      return reply.code(400).send({
        error: 'VALIDATION_ERROR',
        message: `${err.validationContext ?? 'request'}.${field} ${first?.message ?? 'is invalid'}`,
        field,
      })
    }
    const status = err.statusCode ?? 500
    if (status >= 500) {
      request.log.error({ err }, 'unhandled error')
      return reply.code(status).send({ error: 'INTERNAL', message: 'Internal Server Error' })
    }
    return reply.code(status).send({ error: err.code ?? 'ERROR', message: err.message })
  })
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` })
  })
}
