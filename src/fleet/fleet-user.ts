/**
 * The identities every fleet cluster knows (static bearer tokens):
 *
 * - `admin`: group `system:masters`, allowed everything.
 * - `restricted`: no bindings, so every request is denied (403) unless a test binds RBAC to it.
 * - `alice`, `bob`: plain users with no bindings either; tests bind RBAC to them (e.g. to rotate credentials).
 */
export const FLEET_USERS = ['admin', 'restricted', 'alice', 'bob'] as const;

/** One of {@link FLEET_USERS}. */
export type FleetUser = (typeof FLEET_USERS)[number];

/** The groups each user belongs to, besides `system:authenticated`. */
export const FLEET_USER_GROUPS: Readonly<Record<FleetUser, readonly string[]>> = {
  admin: ['system:masters'],
  restricted: [],
  alice: [],
  bob: [],
};
