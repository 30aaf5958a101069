import { randomUUID } from 'node:crypto';
import { classifyDeliveryFailure } from '@openipp/shared';
import type { Logger } from '../../lib/logger';

/** What a provider says about one message: sent, or why not and whether trying again could help. */
export type SmsResult = { ok: true; id: string } | { ok: false; permanent: boolean; detail: string };

export interface SmsProvider {
  send(to: string, text: string): Promise<SmsResult>;
}

/** A gateway that answers slower than this is treated like one that is down: try again later. */
const HTTP_TIMEOUT_MS = 15_000;

const detailOf = (error: unknown): string => {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, 1_000);
};

/**
 * POSTs `{to, text}` as JSON to a gateway. 2xx is sent (the id is taken from
 * the reply's `id` when it has one). Whether a failure may pass is the shared
 * rule (classifyDeliveryFailure): 5xx, 408, 429 and network failures are
 * worth retrying; any other 4xx means the gateway refuses this message for good.
 */
export class HttpSmsProvider implements SmsProvider {
  constructor(
    private readonly url: string,
    private readonly token?: string,
  ) {}

  async send(to: string, text: string): Promise<SmsResult> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
    } catch (error) {
      return { ok: false, permanent: classifyDeliveryFailure({ network: true }) === 'permanent', detail: detailOf(error) };
    }
    const body = await response.text().catch(() => '');
    if (response.ok) {
      let id: unknown;
      try {
        id = (JSON.parse(body) as { id?: unknown }).id;
      } catch {
        id = undefined;
      }
      return { ok: true, id: typeof id === 'string' || typeof id === 'number' ? String(id) : (response.headers.get('x-request-id') ?? '') };
    }
    const permanent = classifyDeliveryFailure({ httpStatus: response.status }) === 'permanent';
    return { ok: false, permanent, detail: `HTTP ${response.status}${body ? `: ${body.slice(0, 500)}` : ''}` };
  }
}

/** The demo's provider: nothing leaves the machine; the message is written to the log and counts as sent. */
export class LogSmsProvider implements SmsProvider {
  constructor(private readonly logger: Logger) {}

  async send(to: string, text: string): Promise<SmsResult> {
    const id = `log-${randomUUID()}`;
    this.logger.info({ smsId: id, to, text }, 'sms (log provider)');
    return { ok: true, id };
  }
}
