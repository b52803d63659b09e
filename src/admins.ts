/** Who asks: a Slack user, or no one for the CLI (the machine's operator is trusted). */
export interface Requester {
  readonly userId?: string;
  /** ADMIN_USER_IDS; empty means everyone is an admin. */
  readonly adminUserIds: readonly string[];
}

/**
 * The one authorization decision, asked by every way in (command, modal, paste, file, shortcut, and any button that
 * records): may this requester change what is recorded — a server's versions and fix events, subscriptions? Anyone
 * may report a failure; only admins' input changes what is known of a server.
 */
export function isAdmin(r: Requester): boolean {
  return r.userId === undefined || r.adminUserIds.length === 0 || r.adminUserIds.includes(r.userId);
}

/**
 * Whether a server someone else's input was placed under may place this requester's input too (the same thread, the
 * same fault ID): when an admin named it, or the requester did. A non-admin's naming never moves an admin's evidence.
 */
export function trustsPlacement(requester: string | null | undefined, placed: { readonly userId: string | null; readonly byAdmin: boolean }): boolean {
  return placed.byAdmin || (requester != null && placed.userId === requester);
}
