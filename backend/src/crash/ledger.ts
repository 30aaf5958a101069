/**
 * What each client believes it wrote. A write is recorded before it is sent,
 * with the idempotency key and the exact body it will send again on every
 * retry, and a marker that finds its row in the database afterwards (a
 * capture's URL, a complaint's explanation): the row must be there exactly
 * once however many times the write was sent.
 */
export type WriteKind = 'capture' | 'complaint';

export interface LedgerWrite {
  kind: WriteKind;
  client: string;
  userId: string;
  key: string;
  /** Unique per write: the capture URL or the complaint explanation. */
  marker: string;
  /** Requests sent with this key. */
  attempts: number;
  /** Attempts whose connection died (or timed out) before a whole answer arrived. */
  unanswered: number;
  /** The first 2xx answer: its status and the id it named. */
  ack?: { status: number; id: string; attempt: number };
  /** A non-2xx answer: a refusal the test did not expect (any is a failure). */
  refused?: { status: number; body: string };
}

export class Ledger {
  readonly writes: LedgerWrite[] = [];

  record(write: Omit<LedgerWrite, 'attempts' | 'unanswered'>): LedgerWrite {
    const entry: LedgerWrite = { ...write, attempts: 0, unanswered: 0 };
    this.writes.push(entry);
    return entry;
  }
}

export interface LedgerFigures {
  sent: number;
  attempts: number;
  /** Answered 2xx on the first attempt. */
  acknowledgedFirstTry: number;
  /** Left unanswered at least once, so sent again with the same key. */
  retried: number;
  /** Retried writes the server had already committed: the retry got the stored answer (200 replay). */
  retriedCommittedBeforeCrash: number;
  /** Retried writes the crash had lost before commit: the retry created them (201). */
  retriedCreatedOnRetry: number;
  acknowledged: number;
  refused: number;
  /** Still unanswered when the run ended. */
  unresolved: number;
}

export function ledgerFigures(writes: readonly LedgerWrite[]): LedgerFigures {
  const retried = writes.filter((write) => write.unanswered > 0);
  return {
    sent: writes.length,
    attempts: writes.reduce((sum, write) => sum + write.attempts, 0),
    acknowledgedFirstTry: writes.filter((write) => write.ack?.attempt === 1).length,
    retried: retried.length,
    retriedCommittedBeforeCrash: retried.filter((write) => write.ack?.status === 200).length,
    retriedCreatedOnRetry: retried.filter((write) => write.ack?.status === 201).length,
    acknowledged: writes.filter((write) => write.ack !== undefined).length,
    refused: writes.filter((write) => write.refused !== undefined).length,
    unresolved: writes.filter((write) => write.ack === undefined && write.refused === undefined).length,
  };
}
