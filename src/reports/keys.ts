import { randomBytes } from 'node:crypto';
import { canonicalServerName } from '../diagnose/server-name.js';
import type { Storage } from '../store/port.js';

/** A new reporting key: 256 random bits, URL-safe, so it pastes into a PowerShell command line unquoted. */
export function newReportKey(): string {
  return randomBytes(32).toString('base64url');
}

export class EnrolError extends Error {
  override readonly name = 'EnrolError';
}

function serverOf(name: string): string {
  const server = canonicalServerName(name);
  if (server === null) throw new EnrolError(`'${name}' is not a host name or address`);
  return server;
}

/** Enrols a server (or gives it a new key, ending the old one): the key, to be shown once and stored nowhere else. */
export async function enrollServer(store: Storage, name: string, at: Date): Promise<{ server: string; key: string }> {
  const server = serverOf(name);
  const key = newReportKey();
  await store.fleet.enroll(server, key, at.toISOString());
  return { server, key };
}

/** Ends a server's key; false when it had none in force. */
export async function revokeServer(store: Storage, name: string, at: Date): Promise<{ server: string; revoked: boolean }> {
  const server = serverOf(name);
  return { server, revoked: await store.fleet.revoke(server, at.toISOString()) };
}
