export type Role = 'owner' | 'admin' | 'member' | 'viewer';

const RANK: Record<Role, number> = { viewer: 1, member: 2, admin: 3, owner: 4 };

// The api decides; the dashboard only hides controls a role could not use (API.md's roles).
// Admins manage connectors, keys and members; members may also re-validate and replay.
export const canManage = (role: Role): boolean => RANK[role] >= RANK.admin;
export const canOperate = (role: Role): boolean => RANK[role] >= RANK.member;

// Admins assign roles below owner; only an owner touches owners.
export function assignableRoles(actor: Role): Role[] {
  if (actor === 'owner') return ['owner', 'admin', 'member', 'viewer'];
  if (actor === 'admin') return ['admin', 'member', 'viewer'];
  return [];
}

export const ROLE_WORDS: Record<Role, string> = {
  owner: 'Owner: everything, including deleting the workspace',
  admin: 'Admin: connectors, ingest keys and members below owner',
  member: 'Member: reads everything, re-validates and replays',
  viewer: 'Viewer: reads only',
};
