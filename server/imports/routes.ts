import { mkdtemp, rm } from 'node:fs/promises'
import { createWriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NotFoundError, ValidationError } from '../common/errors.ts'
import { errorResponses, IdParams } from '../common/schemas.ts'
import type { ImportKind } from './columns.ts'
import { jobView, startImportJob, waitForImports } from './jobs.ts'
import { IMPORT_ORDER } from './run.ts'
import { ImportJobList, ImportJobView, ImportStarted } from './schemas.ts'

/** 12 million usage rows are about 550 MB of CSV. */
const MAX_FILE_BYTES = 4 * 1024 ** 3

const isKind = (name: string): name is ImportKind => (IMPORT_ORDER as readonly string[]).includes(name)

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: IMPORT_ORDER.length } })
  app.addHook('onClose', waitForImports)

  app.post('/api/imports', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['imports'],
      summary: 'Start a CSV import (multipart: file fields agents, customers, usage; contracts.md section 2); poll GET /api/imports/:id',
      consumes: ['multipart/form-data'],
      response: { 202: ImportStarted, ...errorResponses },
    },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw new ValidationError('body', 'send multipart/form-data with file fields agents, customers or usage')
    const tempDir = await mkdtemp(join(tmpdir(), 'dialer-import-'))
    const files: Partial<Record<ImportKind, string>> = {}
    const names: Partial<Record<ImportKind, string>> = {}
    try {
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue
        if (!isKind(part.fieldname)) throw new ValidationError(part.fieldname, `unknown file field; use ${IMPORT_ORDER.join(', ')}`)
        const path = join(tempDir, `${part.fieldname}.csv`)
        await pipeline(part.file, createWriteStream(path))
        if (part.file.truncated) throw new ValidationError(part.fieldname, `file larger than ${MAX_FILE_BYTES} bytes`)
        files[part.fieldname] = path
        names[part.fieldname] = part.filename || `${part.fieldname}.csv`
      }
      if (Object.keys(files).length === 0) throw new ValidationError('body', `no file; send at least one of ${IMPORT_ORDER.join(', ')}`)
    } catch (err) {
      await rm(tempDir, { recursive: true, force: true })
      throw err
    }
    const id = await startImportJob(app, { files, names, tempDir, actorId: request.user.id })
    return reply.code(202).send({ id, status: 'running' as const })
  })

  app.get('/api/imports', {
    config: { roles: ['admin'] },
    schema: { tags: ['imports'], summary: 'The 20 latest imports', response: { 200: ImportJobList, ...errorResponses } },
  }, async () => {
    const jobs = await app.db.importJob.findMany({ orderBy: { id: 'desc' }, take: 20 })
    return jobs.map((job) => {
      const { rejected: _omitted, ...view } = jobView(job)
      return view
    })
  })

  app.get('/api/imports/:id', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['imports'], summary: 'Progress and per-row report of one import', params: IdParams,
      response: { 200: ImportJobView, ...errorResponses },
    },
  }, async (request) => {
    const job = await app.db.importJob.findUnique({ where: { id: request.params.id } })
    if (!job) throw new NotFoundError(`import ${request.params.id}`)
    return jobView(job)
  })
}

export default routes
