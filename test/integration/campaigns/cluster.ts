// Several server processes behind a small load balancer, sharing one emulator, PostgreSQL
// and Redis: what production looks like to Twilio (webhooks reach whichever node is up).
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { Config } from '../../../server/config.ts'

export interface Node {
  origin: string
  nodeId: string
  process: ChildProcess
}

/** Forwards each request to the next live node; a node that refuses connections is skipped. */
export async function startBalancer(): Promise<{ origin: string; nodes: Node[]; close: () => Promise<void> }> {
  const nodes: Node[] = []
  const down = new Set<Node>()
  let next = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const body = chunks.length ? Buffer.concat(chunks) : undefined
      const start = next++
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[(start + i) % nodes.length]!
        if (down.has(node)) continue
        try {
          const headers: Record<string, string> = {}
          for (const h of ['content-type', 'x-twilio-signature', 'authorization']) if (req.headers[h]) headers[h] = String(req.headers[h])
          const reply = await fetch(node.origin + req.url, { method: req.method, headers, body })
          res.writeHead(reply.status, { 'content-type': reply.headers.get('content-type') ?? 'text/plain' })
          res.end(Buffer.from(await reply.arrayBuffer()))
          return
        } catch {
          down.add(node) // refused or reset: that node is gone, the next one gets the request
        }
      }
      res.writeHead(502).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { origin: `http://127.0.0.1:${port}`, nodes, close: () => new Promise((r) => server.close(() => r())) }
}

const entry = fileURLToPath(new URL('./node-entry.ts', import.meta.url))

/** Starts a server process with this configuration and waits until it listens. */
export async function spawnNode(config: Config, env: Record<string, string>): Promise<Node> {
  const settings = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]))
  // node itself (not the tsx wrapper, which would leave its child running when killed).
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...process.env, ...settings, ...env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`node exited with ${code} before listening`)))
  })
  const { origin, nodeId } = JSON.parse(line) as { origin: string; nodeId: string }
  return { origin, nodeId, process: child }
}
