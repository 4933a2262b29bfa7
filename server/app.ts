// The application as a plugin tree. server/main.ts only starts it; tests build it with
// test/helper.ts. Order: infrastructure (config, db, redis, events) → cross-cutting (auth,
// metrics, docs) → domain modules.
import sensible from '@fastify/sensible'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import agentsPlugin from './agents/plugin.ts'
import allocationRoutes from './allocation/routes.ts'
import agentRoutes from './agents/routes.ts'
import authPlugin from './auth/plugin.ts'
import authRoutes from './auth/routes.ts'
import { installErrorHandler } from './common/error-handler.ts'
import events from './common/events.ts'
import idleConnections from './common/idle-connections.ts'
import type { Config } from './config.ts'
import configPlugin from './config-plugin.ts'
import campaignRoutes from './campaigns/routes.ts'
import campaignRunner from './campaigns/runner/plugin.ts'
import customerRoutes from './customers/routes.ts'
import dispositionRoutes from './agents/dispositions-routes.ts'
import { rosterRoutes } from './agents/roster.ts'
import dbPlugin from './db/plugin.ts'
import emulatorPlugin from './emulator/plugin.ts'
import jobs from './jobs/plugin.ts'
import inboundPlugin from './inbound/plugin.ts'
import { loggerOptions } from './logger.ts'
import docs from './observability/docs.ts'
import importRoutes from './imports/routes.ts'
import health from './observability/health.ts'
import metrics from './observability/metrics.ts'
import realtime from './realtime/plugin.ts'
import redisPlugin from './redis.ts'
import telephonyPlugin from './telephony/plugin.ts'
import webStatic from './web/static.ts'
import workOrderRoutes from './workorders/routes.ts'
import queueMetrics from './queues/metrics.ts'
import queueRoutes from './queues/routes.ts'
import ruleRoutes from './rules/routes.ts'

export interface BuildOptions {
  /** Overrides the logger (tests pass false or a stream). */
  logger?: boolean | object
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const base = loggerOptions(config)
  const app = Fastify({
    ...base,
    logger: options.logger ?? base.logger,
    trustProxy: true,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  installErrorHandler(app)
  await app.register(sensible)
  await app.register(idleConnections)
  await app.register(configPlugin, { config })
  await app.register(events)
  await app.register(dbPlugin)
  await app.register(redisPlugin)
  await app.register(metrics)
  await app.register(docs)
  await app.register(authPlugin)
  await app.register(agentsPlugin)
  if (config.TELEPHONY === 'emulator' && !config.EMULATOR_URL) await app.register(emulatorPlugin)
  await app.register(telephonyPlugin)
  await app.register(inboundPlugin)
  await app.register(campaignRunner)
  await app.register(realtime)
  await app.register(jobs)
  await app.register(queueMetrics)

  await app.register(health)
  await app.register(authRoutes)
  await app.register(agentRoutes)
  await app.register(customerRoutes)
  await app.register(dispositionRoutes)
  await app.register(rosterRoutes)
  await app.register(workOrderRoutes)
  await app.register(importRoutes)
  await app.register(allocationRoutes)
  await app.register(ruleRoutes)
  await app.register(campaignRoutes)
  await app.register(queueRoutes)
  await app.register(webStatic) // last: it serves the pages for every path the API does not own
  return app
}
