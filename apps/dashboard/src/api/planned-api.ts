// Endpoints other issues are adding now, typed by hand from their agreed shapes so the pages can
// use them the moment the api has them (apiHas() reads the generated operation list at run time).
// The api-client e2e test fails once one of these is in the OpenAPI document: then delete it here
// and call it through the generated client.

export const PLANNED_OPERATIONS = {
  // #19 alerts
  'GET /v1/workspaces/{workspaceId}/alerts': 'alerts',
} as const;

export type PlannedOperation = keyof typeof PLANNED_OPERATIONS;

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
  '/v1/workspaces/{workspaceId}/alerts': PathItem & {
    get: Operation<Workspace, { 200: Json<AlertView[]> }>;
  };
}
