// The one way this server talks to Twilio: the official `twilio` client. Under the emulator
// the client is the same; only its HTTP layer sends each request to the emulator's origin,
// keeping Twilio's path and query (architecture.md "Twilio facts").
import twilio from 'twilio'
import type { Config } from '../config.ts'

type RequestOptions<TData> = Parameters<twilio.RequestClient['request']>[0] & { data?: TData }

/** Sends every REST request (and page fetch) to `origin()` instead of api.twilio.com. */
export class OriginRequestClient extends twilio.RequestClient {
  constructor(private readonly origin: () => string, opts: ConstructorParameters<typeof twilio.RequestClient>[0] = {}) {
    super(opts)
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const url = new URL(opts.uri)
    return super.request<TData>({ ...opts, uri: this.origin() + url.pathname + url.search })
  }
}

/**
 * A client for the configured account. `emulatorOrigin` is where the emulator listens when
 * TELEPHONY=emulator (EMULATOR_URL, or this server's own address).
 * Twilio's 429 (error 20429) is safe to retry, so autoRetry is on: the options go to the
 * RequestClient because a custom httpClient ignores the client-level ones.
 */
export function createTwilioClient(config: Config, emulatorOrigin: () => string): twilio.Twilio {
  const transport = { autoRetry: true, maxRetries: 3, timeout: 15_000, keepAlive: true }
  const httpClient = config.TELEPHONY === 'emulator' ? new OriginRequestClient(emulatorOrigin, transport) : new twilio.RequestClient(transport)
  const client = twilio(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, { httpClient })
  // The package requires a resource's modules on first use (the account's are hundreds of
  // files, a few hundred ms of blocking reads): load them now rather than inside a webhook.
  void [client.calls, client.conferences, client.queues]
  return client
}
