/**
 * One syncing client, as the extension's background sync behaves: each write
 * gets a fresh Idempotency-Key and a body fixed at creation; a write whose
 * connection dies is sent again, with the same key and the same bytes, after
 * the server comes back, and the client does not move on until it is
 * answered.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { IDEMPOTENCY_HEADER, type CaptureMeta, type CreateComplaintRequest } from '@openipp/shared';
import sharp from 'sharp';
import type { Conductor } from './conductor';
import type { Ledger, LedgerWrite } from './ledger';

/** Longer than any honest answer on a loaded machine; a request past it counts as unanswered and is retried. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface ClientIdentity {
  name: string;
  token: string;
  userId: string;
  /** Set for users who may file complaints: their tenant's verified right. */
  rightId?: string;
}

interface PendingWrite {
  entry: LedgerWrite;
  send: () => Promise<Response>;
  /** Called with the answer's body once acknowledged. */
  onAck?: (id: string) => void;
}

let listingCounter = 0;

/** A small PNG of random pixels, so every capture has its own evidence bytes and its own blobs. */
async function noisePng(): Promise<Uint8Array<ArrayBuffer>> {
  const width = 48;
  const height = 32;
  const png = await sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).png().toBuffer();
  return new Uint8Array(png);
}

export class CrashClient {
  /** Acknowledged captures of this client not yet named by a complaint. */
  private readonly unusedCaptures: Array<{ url: string; id: string }> = [];
  private pending: PendingWrite | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly identity: ClientIdentity,
    private readonly ledger: Ledger,
    private readonly conductor: Conductor,
    /** Share of writes that are complaints, for clients that may file them. */
    private readonly complaintShare: number,
  ) {}

  /** Writes until the conductor drains, then until nothing of this client's is unanswered. */
  async run(): Promise<void> {
    for (;;) {
      if (this.pending === undefined) {
        if (this.conductor.draining) return;
        this.pending = await this.nextWrite();
      }
      const generation = await this.conductor.whenUp();
      const outcome = await this.attempt(this.pending);
      if (outcome === 'answered') {
        this.pending = undefined;
      } else if (this.conductor.up && this.conductor.generation === generation) {
        // Not a kill (a timeout on a loaded machine): try again shortly on the same server.
        await new Promise((resolve) => setTimeout(resolve, 200));
      } else {
        await this.conductor.whenUp(generation);
      }
    }
  }

  private async nextWrite(): Promise<PendingWrite> {
    const useCapture = this.unusedCaptures.length > 0 && this.identity.rightId !== undefined && Math.random() < this.complaintShare;
    return useCapture ? this.complaintWrite(this.unusedCaptures.shift()!) : this.captureWrite();
  }

  private async captureWrite(): Promise<PendingWrite> {
    listingCounter += 1;
    const url = `https://item.taobao.com/item.htm?id=${970_000_000_000 + listingCounter}`;
    const meta: CaptureMeta = {
      url,
      title: `Crash test listing ${listingCounter}`,
      capturedAt: new Date().toISOString(),
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 1,
    };
    const png = await noisePng();
    const key = randomUUID();
    const entry = this.ledger.record({ kind: 'capture', client: this.identity.name, userId: this.identity.userId, key, marker: url });
    const send = () => {
      const form = new FormData();
      form.append('meta', JSON.stringify(meta));
      form.append('screenshot', new Blob([png], { type: 'image/png' }), 'capture.png');
      return fetch(`${this.baseUrl}/api/captures`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.identity.token}`, [IDEMPOTENCY_HEADER]: key },
        body: form,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    };
    return { entry, send, onAck: (id) => this.unusedCaptures.push({ url, id }) };
  }

  private complaintWrite(capture: { url: string; id: string }): PendingWrite {
    const key = randomUUID();
    const explanation = `Crash test ${key}: these bags carry our registered mark but were never made or sold by us.`;
    const body: CreateComplaintRequest = {
      principalId: null,
      rightId: this.identity.rightId!,
      reason: 'counterfeit',
      explanation,
      goodFaith: true,
      accuracy: true,
      listings: [{ url: capture.url, captureIds: [capture.id], location: { kind: 'text', quote: 'DemoBrand' } }],
      submit: true,
    };
    const text = JSON.stringify(body);
    const entry = this.ledger.record({ kind: 'complaint', client: this.identity.name, userId: this.identity.userId, key, marker: explanation });
    const send = () =>
      fetch(`${this.baseUrl}/api/complaints`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.identity.token}`, [IDEMPOTENCY_HEADER]: key, 'content-type': 'application/json' },
        body: text,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    return { entry, send };
  }

  /** One request. 'answered' once any whole HTTP answer arrived; 'unanswered' when the connection died first. */
  private async attempt(write: PendingWrite): Promise<'answered' | 'unanswered'> {
    const { entry } = write;
    entry.attempts += 1;
    let status: number;
    let text: string;
    try {
      const response = await write.send();
      status = response.status;
      // The answer counts only when all of it arrived: a receipt cut short is no receipt.
      text = await response.text();
    } catch {
      entry.unanswered += 1;
      return 'unanswered';
    }
    if (status >= 200 && status < 300) {
      let id: string;
      try {
        id = (JSON.parse(text) as { id: string }).id;
      } catch {
        entry.refused = { status, body: `unparsable 2xx body: ${text.slice(0, 200)}` };
        return 'answered';
      }
      entry.ack = { status, id, attempt: entry.attempts };
      write.onAck?.(id);
    } else {
      entry.refused = { status, body: text.slice(0, 500) };
    }
    return 'answered';
  }
}
