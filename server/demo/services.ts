// `npm run demo` needs PostgreSQL and Redis. When one does not answer on this machine and its
// binaries are installed, it is started the way the project's machines start it
// (pg_ctlcluster / redis-server --daemonize); otherwise the demo stops with one line saying
// what to run.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { Redis } from 'ioredis'
import pg from 'pg'

export class ServiceError extends Error {}

const COMPOSE_HINT = 'docker compose up -d db redis'
const isLocal = (url: URL) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname)

function onPath(binary: string): boolean {
  try {
    execFileSync('which', [binary], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

async function waitFor(check: () => Promise<boolean>, seconds = 30): Promise<boolean> {
  for (let i = 0; i < seconds * 4; i++) {
    if (await check()) return true
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

/** The server's maintenance database, for checks and CREATE DATABASE. */
function adminUrl(databaseUrl: string) {
  const url = new URL(databaseUrl)
  url.pathname = '/postgres'
  return url.toString()
}

async function postgresAnswers(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl(databaseUrl), connectionTimeoutMillis: 2_000 })
  try {
    await client.connect()
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

async function redisAnswers(redisUrl: string): Promise<boolean> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000 })
  redis.on('error', () => {})
  try {
    await redis.connect()
    return (await redis.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    redis.disconnect()
  }
}

/** Makes sure PostgreSQL answers; returns what was done. */
export async function ensurePostgres(databaseUrl: string): Promise<string> {
  const url = new URL(databaseUrl)
  const where = `${url.hostname}:${url.port || 5432}`
  if (await postgresAnswers(databaseUrl)) return `PostgreSQL answers at ${where}`
  const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : []
  if (!isLocal(url) || !onPath('pg_ctlcluster') || versions.length === 0) {
    throw new ServiceError(`PostgreSQL does not answer at ${where}: start it (e.g. \`${COMPOSE_HINT}\`) or set DATABASE_URL`)
  }
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', versions.sort().at(-1)!, 'main', 'start'], { stdio: 'ignore' })
  if (!(await waitFor(() => postgresAnswers(databaseUrl)))) throw new ServiceError(`started the local PostgreSQL ${versions.at(-1)} cluster, but ${where} still does not answer`)
  return `started the local PostgreSQL (${where})`
}

export async function ensureRedis(redisUrl: string): Promise<string> {
  const url = new URL(redisUrl)
  const where = `${url.hostname}:${url.port || 6379}`
  if (await redisAnswers(redisUrl)) return `Redis answers at ${where}`
  if (!isLocal(url) || !onPath('redis-server')) {
    throw new ServiceError(`Redis does not answer at ${where}: start it (e.g. \`${COMPOSE_HINT}\`) or set REDIS_URL`)
  }
  execFileSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', url.port || '6379', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  if (!(await waitFor(() => redisAnswers(redisUrl)))) throw new ServiceError(`started a local redis-server, but ${where} still does not answer`)
  return `started a local Redis (${where})`
}

/** Creates the database DATABASE_URL names when it does not exist yet; true when it did. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1))
  const client = new pg.Client({ connectionString: adminUrl(databaseUrl) })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (rowCount) return false
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`)
    return true
  } finally {
    await client.end()
  }
}
