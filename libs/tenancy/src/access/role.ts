import { DomainError } from '@app/core';

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 1, member: 2, admin: 3, owner: 4 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

// docs/api.md: admins manage members "below owner"; only an owner may create or touch an owner.
export function canAssignRole(actor: Role, target: Role): boolean {
  return actor === 'owner' || (actor === 'admin' && target !== 'owner');
}

export function assertCanAssignRole(actor: Role, target: Role): void {
  if (!canAssignRole(actor, target)) {
    throw new DomainError('forbidden', 'role_too_low', `Only an owner can grant or change the ${target} role`, {
      requiredRole: 'owner',
      role: actor,
    });
  }
}
