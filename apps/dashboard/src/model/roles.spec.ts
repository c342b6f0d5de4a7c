import { assignableRoles, canManage, canOperate } from './roles';

describe('roles', () => {
  it('lets admins and owners manage, members operate, viewers only read', () => {
    expect((['owner', 'admin', 'member', 'viewer'] as const).map(canManage)).toEqual([true, true, false, false]);
    expect((['owner', 'admin', 'member', 'viewer'] as const).map(canOperate)).toEqual([true, true, true, false]);
  });

  it('offers only the roles the api lets the actor assign', () => {
    expect(assignableRoles('owner')).toEqual(['owner', 'admin', 'member', 'viewer']);
    expect(assignableRoles('admin')).toEqual(['admin', 'member', 'viewer']);
    expect(assignableRoles('member')).toEqual([]);
    expect(assignableRoles('viewer')).toEqual([]);
  });
});
