// A fixed id: the baseline has one tenant; the column is there to match TrackLayer's row and indexes.
export const BASELINE_WORKSPACE_ID = '00000000-0000-4000-8000-000000000001';

// The baseline's table: the columns of TrackLayer's `events` that an ingest must fill, with the
// same primary key, the same two indexes and the same foreign key to a tenant table, so both
// sides pay the same index maintenance and referential check per row.
export const BASELINE_SCHEMA = `
  CREATE TABLE baseline_workspaces (id uuid PRIMARY KEY);
  INSERT INTO baseline_workspaces VALUES ('${BASELINE_WORKSPACE_ID}');
  CREATE TABLE baseline_events (
    id uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES baseline_workspaces (id) ON DELETE CASCADE,
    event_id text NOT NULL,
    event_name text NOT NULL,
    event_time timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    payload jsonb NOT NULL
  );
  CREATE INDEX baseline_events_workspace_received_idx ON baseline_events (workspace_id, received_at DESC);
  CREATE INDEX baseline_events_workspace_event_id_idx ON baseline_events (workspace_id, event_id);
`;
