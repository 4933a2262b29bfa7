// The campaign pacing runtime on this node (DIALER=on): feeds telephony facts into the
// campaigns' event streams on every node, paces the campaigns whose lease this node holds,
// and places the calls agents dial themselves (preview).
import fp from 'fastify-plugin'
import { PreviewDialer } from '../preview-dial.ts'
import { feedCampaignCalls } from './feed.ts'
import { CampaignRunner } from './runner.ts'

declare module 'fastify' {
  interface FastifyInstance {
    campaignRunner: CampaignRunner
    previewDialer: PreviewDialer
  }
}

/** How long after an abandon the dialer calls the customer back (the core's default). */
const CALLBACK_DELAY_MS = 60_000

export default fp(
  async (app) => {
    const core = app.telephony.core
    feedCampaignCalls(core, app.db, CALLBACK_DELAY_MS)
    const runner = new CampaignRunner({ core, db: app.db, redisUrl: app.config.REDIS_URL, centreTimeZone: app.config.TZ })
    app.decorate('campaignRunner', runner)
    app.decorate('previewDialer', new PreviewDialer(core, app.db, app.config.TZ))
    if (app.config.DIALER === 'on') app.addHook('onReady', async () => runner.start())
    // Before onClose: the pacers must stop while the dial queue they enqueue into is still open.
    app.addHook('preClose', async () => runner.close())
  },
  { name: 'campaign-runner', dependencies: ['telephony'] },
)
