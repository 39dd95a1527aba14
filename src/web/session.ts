import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'recap_session';
/** A login lasts a working day; then the token is asked for again. */
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Compares a typed token with the admin token in constant time (hashes first: lengths differ). */
export function isAdminToken(candidate: string, adminToken: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(candidate), digest(adminToken));
}

/** The cookie-signing secret: derived from the admin token, so a new token ends every session. */
export function sessionSecret(adminToken: string): string {
  return createHash('sha256').update(`recap-session:${adminToken}`, 'utf8').digest('hex');
}

/** Starts an admin session: a signed, HttpOnly, SameSite=Lax cookie that expires. */
export function startSession(reply: FastifyReply, secure: boolean, now = Date.now()): void {
  const expires = now + SESSION_TTL_MS;
  reply.setCookie(SESSION_COOKIE, `admin.${expires}`, { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, expires: new Date(expires) });
}

export function endSession(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Whether the request carries a valid, unexpired admin session. */
export function isAdmin(request: FastifyRequest, now = Date.now()): boolean {
  const raw = request.cookies[SESSION_COOKIE];
  if (raw === undefined) return false;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return false;
  const match = /^admin\.(\d+)$/.exec(unsigned.value);
  return match !== null && Number(match[1]) > now;
}

/** A "next" path to return to after logging in: only a path on this site, never another host. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/notes';
}
