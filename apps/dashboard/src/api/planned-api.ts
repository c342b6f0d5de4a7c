import type { components } from './generated/openapi';

// Endpoints other issues are adding now, typed by hand from their agreed shapes so the pages can
// use them the moment the api has them (apiHas() reads the generated operation list at run time).
// The api-client e2e test fails once one of these is in the OpenAPI document: then delete it here
// and call it through the generated client.

type NormalizedEvent = components['schemas']['DebuggedEventView']['event'];

export const PLANNED_OPERATIONS = {
  // #19 the event story and alerts
  'GET /v1/workspaces/{workspaceId}/events/{eventRef}': 'event story',
  'POST /v1/workspaces/{workspaceId}/events/{eventRef}/replay': 'event story',
  'GET /v1/workspaces/{workspaceId}/alerts': 'alerts',
} as const;

export type PlannedOperation = keyof typeof PLANNED_OPERATIONS;

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
interface Operation<PathParams, Responses> {
  parameters: { query?: never; header?: never; path: PathParams; cookie?: never };
  requestBody?: never;
  responses: Responses;
}
interface PathItem {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
}

type Workspace = { workspaceId: string };

export interface PlannedPaths {
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
