import { AppError } from '../lib/app-error';
import { randomToken, sha256Hex, uuidv7 } from '../lib/crypto';
import type { LinkPurpose, NewOneTimeLink, OneTimeLinkRow, StoreReader, StoreTx } from '../store';

const HOUR_MS = 60 * 60 * 1000;
/** How long each kind of e-mailed link works. */
export const LINK_TTL_MS: Record<LinkPurpose, number> = {
  verify_email: 48 * HOUR_MS,
  invitation: 7 * 24 * HOUR_MS,
  freeze: 7 * 24 * HOUR_MS,
};

/** Stores a new one-time link (only the token's SHA-256) and returns the token for the e-mail. */
export async function issueLink(
  tx: StoreTx,
  link: Omit<NewOneTimeLink, 'id' | 'tokenHash' | 'createdAt' | 'expiresAt' | 'usedAt'>,
  now: number,
): Promise<{ token: string; row: NewOneTimeLink }> {
  const token = randomToken();
  const row: NewOneTimeLink = { ...link, id: uuidv7(now), tokenHash: sha256Hex(token), createdAt: now, expiresAt: now + LINK_TTL_MS[link.purpose] };
  await tx.insertLink(row);
  return { token, row };
}

/**
 * The link a token names, if it may still be used: unknown (or meant for
 * another purpose) → link_invalid, used → link_used, past its lifetime →
 * link_expired. Reading only; `consumeLink` also spends it.
 */
export async function usableLink(store: Pick<StoreReader, 'findLinkByTokenHash'>, token: string, purpose: LinkPurpose, now: number): Promise<OneTimeLinkRow> {
  const link = await store.findLinkByTokenHash(sha256Hex(token));
  if (!link || link.purpose !== purpose) throw new AppError('link_invalid');
  if (link.usedAt !== null) throw new AppError('link_used');
  if (link.expiresAt <= now) throw new AppError('link_expired');
  return link;
}

/** Checks and spends the link in the caller's transaction: of two concurrent uses, one wins. */
export async function consumeLink(tx: StoreTx, token: string, purpose: LinkPurpose, now: number): Promise<OneTimeLinkRow> {
  const link = await usableLink(tx, token, purpose, now);
  if ((await tx.useLink({ id: link.id, at: now })) === 0) throw new AppError('link_used');
  return link;
}
