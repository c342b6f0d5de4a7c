// Endpoints other issues are adding, listed here by operation so pages can test apiHas() for them
// before the api serves them (with a hand-typed client beside the generated one, as #19's alerts
// had until they shipped). The api-client e2e test fails once one of these is in the OpenAPI
// document: then delete it here and call it through the generated client.
export const PLANNED_OPERATIONS = {} as const;

export type PlannedOperation = keyof typeof PLANNED_OPERATIONS;
