// One server node for the failover test, run as its own process: the real app built from the
// environment the test passes, on a loopback port. Prints {origin, nodeId} once listening.
import { buildApp } from '../../../server/app.ts'
import { loadConfig } from '../../../server/config.ts'
import { listeningOrigin } from '../../../server/emulator/plugin.ts'

const app = await buildApp(loadConfig(), { logger: false })
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(`${JSON.stringify({ origin: listeningOrigin(app), nodeId: app.campaignRunner.nodeId })}\n`)
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
