// Child process of the realtime benchmark: opens the agent and supervisor sockets, and
// measures for every message the delay from the server-side event (its `at`/`since`) to its
// arrival here. Runs apart from the server so the clients do not share its event loop.
import { io, type Socket } from 'socket.io-client'

interface Start { url: string; tokens: string[] }
type Kind = 'call:status' | 'agent:presence' | 'call:offered'

const samples: Record<Kind, number[]> = { 'call:status': [], 'agent:presence': [], 'call:offered': [] }
const sockets: Socket[] = []

function open(url: string, token: string): Promise<Socket> {
  const s = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true })
  s.on('call:status', (p: { at: number }) => samples['call:status'].push(Date.now() - p.at))
  s.on('agent:presence', (p: { since: number }) => p.since > 1 && samples['agent:presence'].push(Date.now() - p.since))
  s.on('call:offered', (p: { at: number }) => samples['call:offered'].push(Date.now() - p.at))
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s))
    s.once('connect_error', reject)
  })
}

process.on('message', async (msg: { start?: Start; stop?: true }) => {
  if (msg.start) {
    const t0 = Date.now()
    // Connect in batches, as a shift logging in, not all in one instant.
    for (let i = 0; i < msg.start.tokens.length; i += 50) {
      sockets.push(...(await Promise.all(msg.start.tokens.slice(i, i + 50).map((t) => open(msg.start!.url, t)))))
    }
    for (const k of Object.keys(samples) as Kind[]) samples[k].length = 0 // initial presence is not a measurement
    process.send!({ ready: true, connectMs: Date.now() - t0, connected: sockets.length })
  }
  if (msg.stop) {
    for (const s of sockets) s.disconnect()
    process.send!({ samples }, () => process.exit(0))
  }
})
