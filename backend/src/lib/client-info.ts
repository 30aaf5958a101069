import type { Context } from 'hono';

/** The address of the node socket; undefined for in-process requests (tests). */
function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/** Client IP. X-Forwarded-For is honoured only when we run behind our own proxy. */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return socketAddress(c) ?? 'unknown';
}

/** For records that keep the address as evidence: null rather than a placeholder when it is unknown. */
export function clientIpOrNull(c: Context, trustProxy: boolean): string | null {
  const ip = clientIp(c, trustProxy);
  return ip === 'unknown' ? null : ip;
}

export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (proto) return proto === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}

/** The host the client addressed (Host header, or the forwarded one behind a trusted proxy). */
export function requestHost(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.toLowerCase();
  }
  return (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
}
