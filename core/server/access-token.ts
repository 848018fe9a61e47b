import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 32 random bytes, URL-safe: printed in the URL like Jupyter's token. */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookies are shared by every port of a host, so the port is part of the name. */
export function tokenCookieName(port: number): string {
  return `edgelab-token-${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

export type TokenCheck = 'valid' | 'missing' | 'wrong';

/**
 * The token may come as a header (the HTTP client sends `X-Edgelab-Token`), as the cookie set when
 * the printed URL was opened, or as `?token=` (the printed URL itself; EventSource across origins).
 */
export function checkToken(req: IncomingMessage, query: URLSearchParams, port: number, token: string): TokenCheck {
  const offered = [headerToken(req), cookieValue(req.headers.cookie, tokenCookieName(port)), query.get('token')].filter((t): t is string => typeof t === 'string' && t !== '');
  if (offered.length === 0) return 'missing';
  return offered.some((t) => sameToken(t, token)) ? 'valid' : 'wrong';
}

function headerToken(req: IncomingMessage): string | undefined {
  const header = req.headers['x-edgelab-token'];
  if (typeof header === 'string') return header;
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
}

function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
