import type { components } from './generated/openapi';

// Endpoints other issues are adding now, typed by hand from their agreed shapes so the pages can
// use them the moment the api has them (apiHas() reads the generated operation list at run time).
// The api-client e2e test fails once one of these is in the OpenAPI document: then delete it here
// and call it through the generated client.

type Role = components['schemas']['MemberView']['role'];
type NormalizedEvent = components['schemas']['DebuggedEventView']['event'];

export const PLANNED_OPERATIONS = {
  // #13 invitations
  'GET /v1/workspaces/{workspaceId}/invitations': 'invitations',
  'POST /v1/workspaces/{workspaceId}/invitations': 'invitations',
  'DELETE /v1/workspaces/{workspaceId}/invitations/{invitationId}': 'invitations',
  'POST /v1/invitations/{token}/accept': 'invitations',
  // #19 the event story and alerts
  'GET /v1/workspaces/{workspaceId}/events/{eventRef}': 'event story',
  'POST /v1/workspaces/{workspaceId}/events/{eventRef}/replay': 'event story',
  'GET /v1/workspaces/{workspaceId}/alerts': 'alerts',
} as const;

export type PlannedOperation = keyof typeof PLANNED_OPERATIONS;

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedInvitation {
  invitation: InvitationView;
  // One-time: shown to the admin once, to share; never listed again.
  token: string;
  acceptUrl: string;
}

export type EventStatus = 'accepted' | 'duplicate' | 'rejected' | 'pending' | 'delivered' | 'platform_rejected';

export interface FieldError {
  field: string;
  message: string;
}

export interface EventAttempt {
  at: string;
  httpStatus: number | null;
  platformCode: number | null;
  platformMessage: string | null;
  requestId: string | null;
  latencyMs: number | null;
  outcome: string;
}

export interface EventStoryDelivery {
  connectorId: string;
  platform: string;
  status: string;
  attempts: EventAttempt[];
  // The exact event object of the last platform request.
  sent: Record<string, unknown> | null;
}

export interface EventStory {
  id: string;
  eventId: string;
  eventName: string;
  receivedAt: string;
  status: EventStatus;
  // As received, with plain PII removed.
  received: Record<string, unknown> | null;
  normalized: NormalizedEvent | null;
  errors?: FieldError[];
  deliveries: EventStoryDelivery[];
}

export interface AlertView {
  id: string;
  createdAt: string;
  message: string;
}

interface Json<T> {
  headers: { [name: string]: unknown };
  content: { 'application/json': T };
}
interface NoContent {
  headers: { [name: string]: unknown };
  content?: never;
}
interface Operation<PathParams, Responses> {
  parameters: { query?: never; header?: never; path: PathParams; cookie?: never };
  requestBody?: never;
  responses: Responses;
}
interface OperationWithBody<PathParams, Body, Responses> extends Omit<Operation<PathParams, Responses>, 'requestBody'> {
  requestBody: { content: { 'application/json': Body } };
}
interface PathItem {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
}

type Workspace = { workspaceId: string };

export interface PlannedPaths {
  '/v1/workspaces/{workspaceId}/invitations': PathItem & {
    get: Operation<Workspace, { 200: Json<InvitationView[]> }>;
    post: OperationWithBody<Workspace, { email: string; role: Role }, { 201: Json<CreatedInvitation> }>;
  };
  '/v1/workspaces/{workspaceId}/invitations/{invitationId}': PathItem & {
    delete: Operation<Workspace & { invitationId: string }, { 204: NoContent }>;
  };
  '/v1/invitations/{token}/accept': PathItem & {
    post: Operation<{ token: string }, { 200: Json<components['schemas']['WorkspaceMembershipView']> }>;
  };
  '/v1/workspaces/{workspaceId}/events/{eventRef}': PathItem & {
    get: Operation<Workspace & { eventRef: string }, { 200: Json<EventStory> }>;
  };
  '/v1/workspaces/{workspaceId}/events/{eventRef}/replay': PathItem & {
    post: Operation<Workspace & { eventRef: string }, { 202: Json<unknown> }>;
  };
  '/v1/workspaces/{workspaceId}/alerts': PathItem & {
    get: Operation<Workspace, { 200: Json<AlertView[]> }>;
  };
}
