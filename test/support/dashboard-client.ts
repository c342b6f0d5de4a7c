import { randomBytes } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';
import { WorkspaceId, workspaceIdOf } from '@app/core';

export interface SignedUpUser {
  email: string;
  password: string;
  token: string;
  userId: string;
  workspaceId: WorkspaceId;
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.test`;
}

// Each test makes its own users and workspaces, so tests never depend on one another's data.
export async function signUp(http: TestAgent, label = 'user', workspaceName = `${label}'s shop`): Promise<SignedUpUser> {
  const email = uniqueEmail(label);
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const response = await http.post('/v1/auth/signup').send({ email, password, workspaceName }).expect(201);
  return {
    email,
    password,
    token: response.body.accessToken,
    userId: response.body.user.id,
    workspaceId: workspaceIdOf(response.body.workspace.id),
  };
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

// Makes `member` a member of `owner`'s workspace the way people join: an invitation, accepted.
export async function addMember(http: TestAgent, inviter: SignedUpUser, member: SignedUpUser, role: string, workspaceId = inviter.workspaceId): Promise<void> {
  const invited = await http.post(`/v1/workspaces/${workspaceId}/members`).set(bearer(inviter.token)).send({ email: member.email, role }).expect(201);
  await http.post(`/v1/invitations/${invited.body.token}/accept`).set(bearer(member.token)).expect(200);
}
