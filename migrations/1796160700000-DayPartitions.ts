import { MigrationInterface, QueryRunner } from 'typeorm';

// The tables that grow with traffic become RANGE partitioned by UTC day, so retention drops a
// whole day (a file unlink) instead of deleting row by row: events and raw_events by received_at,
// delivery_logs by created_at, deliveries by their event's received_at (event_received_at), so an
// event and its deliveries live in the same day and go together. The partition key joins every
// primary and unique key (Postgres requires it), after workspace_id. The row-by-row foreign key
// deliveries -> events goes: dropping days replaces its cascade, and the storage maintenance
// deletes an event's deliveries with it (libs/storage). The worker's storage maintenance creates
// days ahead and drops days past retention; this migration creates the days that existing rows
// need, yesterday, and a week ahead, so an api that runs before any worker can ingest for a week.

// Days created ahead of today here (the worker's maintenance keeps the same distance).
const DAYS_AHEAD = 7;

interface TableShape {
  table: string;
  // The column list and the constraints that are not keys.
  columns: string;
  keys: string[];
  indexes: string[];
  foreignKeys: string[];
  // Rows of the table renamed `<table>_unpartitioned`, as a SELECT of the new column list.
  copy: string;
  columnList: string;
  identity: boolean;
}

const EVENTS_COLUMNS = `
  id uuid NOT NULL,
  workspace_id uuid NOT NULL,
  event_id text NOT NULL,
  event_name text NOT NULL,
  event_time timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  ingest_key_id uuid,
  payload jsonb NOT NULL,
  ttclid_restored boolean NOT NULL DEFAULT false,
  ttp_restored boolean NOT NULL DEFAULT false`;
const EVENTS_LIST = 'id, workspace_id, event_id, event_name, event_time, received_at, ingest_key_id, payload, ttclid_restored, ttp_restored';

const RAW_EVENTS_COLUMNS = `
  workspace_id uuid NOT NULL,
  id uuid NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL CONSTRAINT raw_events_status_check CHECK (status IN ('accepted', 'duplicate', 'rejected')),
  event_name text,
  event_id text,
  original_ref uuid,
  reason text,
  errors jsonb,
  raw jsonb`;
const RAW_EVENTS_LIST = 'workspace_id, id, received_at, status, event_name, event_id, original_ref, reason, errors, raw';

const DELIVERY_COLUMNS = (eventReceivedAt: boolean) => `
  id bigint GENERATED ALWAYS AS IDENTITY,
  workspace_id uuid NOT NULL,
  connector_id uuid NOT NULL,
  event_ref uuid NOT NULL,
  status text NOT NULL DEFAULT 'pending'
    CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'delivered', 'rejected', 'failed', 'skipped', 'in_doubt')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  platform_code integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  retry_since timestamptz NOT NULL DEFAULT now()${eventReceivedAt ? ',\n  event_received_at timestamptz NOT NULL' : ''}`;
const DELIVERIES_LIST = 'id, workspace_id, connector_id, event_ref, status, attempts, next_attempt_at, platform_code, last_error, created_at, updated_at, delivered_at, retry_since';

const DELIVERY_LOGS_COLUMNS = `
  id bigint GENERATED ALWAYS AS IDENTITY,
  workspace_id uuid NOT NULL,
  connector_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  events integer NOT NULL,
  http_status integer,
  platform_code integer,
  platform_message text NOT NULL,
  request_id text,
  latency_ms integer,
  outcome text NOT NULL CONSTRAINT delivery_logs_outcome_check
    CHECK (outcome IN ('delivered', 'retry', 'rejected', 'failed', 'credentials_invalid', 'sending', 'in_doubt')),
  attempt integer NOT NULL,
  request_body jsonb,
  request_key uuid,
  delivery_ids bigint[] NOT NULL DEFAULT '{}',
  resent_events integer NOT NULL DEFAULT 0,
  settled_at timestamptz`;
const DELIVERY_LOGS_LIST =
  'id, workspace_id, connector_id, created_at, events, http_status, platform_code, platform_message, request_id, latency_ms, outcome, attempt, request_body, request_key, delivery_ids, resent_events, settled_at';

const WORKSPACE_FK = (table: string) => `CONSTRAINT ${table}_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE`;
const CONNECTOR_FK = (table: string) =>
  `CONSTRAINT ${table}_connector_id_fkey FOREIGN KEY (workspace_id, connector_id) REFERENCES connectors (workspace_id, id) ON DELETE CASCADE`;

const PARTITIONED: Array<TableShape & { partitionKey: string }> = [
  {
    table: 'events',
    partitionKey: 'received_at',
    columns: EVENTS_COLUMNS,
    keys: ['CONSTRAINT events_pkey PRIMARY KEY (workspace_id, id, received_at)'],
    indexes: ['CREATE INDEX events_workspace_received_idx ON events (workspace_id, received_at DESC)'],
    foreignKeys: [WORKSPACE_FK('events')],
    columnList: EVENTS_LIST,
    copy: `SELECT ${EVENTS_LIST} FROM events_unpartitioned`,
    identity: false,
  },
  {
    table: 'raw_events',
    partitionKey: 'received_at',
    columns: RAW_EVENTS_COLUMNS,
    keys: ['CONSTRAINT raw_events_pkey PRIMARY KEY (workspace_id, id, received_at)'],
    indexes: [
      `CREATE INDEX raw_events_refused_idx ON raw_events (workspace_id, received_at DESC, id) WHERE status <> 'accepted'`,
      'CREATE INDEX raw_events_received_idx ON raw_events (received_at)',
    ],
    foreignKeys: [WORKSPACE_FK('raw_events')],
    columnList: RAW_EVENTS_LIST,
    copy: `SELECT ${RAW_EVENTS_LIST} FROM raw_events_unpartitioned`,
    identity: false,
  },
  {
    table: 'deliveries',
    partitionKey: 'event_received_at',
    columns: DELIVERY_COLUMNS(true),
    keys: [
      'CONSTRAINT deliveries_pkey PRIMARY KEY (workspace_id, id, event_received_at)',
      // event_ref first after the workspace: it also serves the events debugger's per-event lookups.
      'CONSTRAINT deliveries_event_connector_key UNIQUE (workspace_id, event_ref, connector_id, event_received_at)',
    ],
    indexes: [
      `CREATE INDEX deliveries_pending_idx ON deliveries (connector_id, next_attempt_at) WHERE status = 'pending'`,
      // With the pending index, what the maintenance reads to know whether a day still holds
      // open work; rows enter it only when an attempt is left in doubt.
      `CREATE INDEX deliveries_in_doubt_idx ON deliveries (workspace_id) WHERE status = 'in_doubt'`,
    ],
    foreignKeys: [CONNECTOR_FK('deliveries')],
    columnList: `${DELIVERIES_LIST}, event_received_at`,
    copy: `SELECT ${DELIVERIES_LIST.split(', ')
      .map((column) => `d.${column}`)
      .join(', ')}, e.received_at
             FROM deliveries_unpartitioned d JOIN events e ON e.workspace_id = d.workspace_id AND e.id = d.event_ref`,
    identity: true,
  },
  {
    table: 'delivery_logs',
    partitionKey: 'created_at',
    columns: DELIVERY_LOGS_COLUMNS,
    keys: ['CONSTRAINT delivery_logs_pkey PRIMARY KEY (workspace_id, id, created_at)'],
    indexes: [
      'CREATE INDEX delivery_logs_workspace_idx ON delivery_logs (workspace_id, connector_id, created_at DESC)',
      `CREATE INDEX delivery_logs_unsettled_idx ON delivery_logs (workspace_id, connector_id, created_at) WHERE outcome IN ('sending', 'in_doubt')`,
    ],
    foreignKeys: [CONNECTOR_FK('delivery_logs'), WORKSPACE_FK('delivery_logs')],
    columnList: DELIVERY_LOGS_LIST,
    copy: `SELECT ${DELIVERY_LOGS_LIST} FROM delivery_logs_unpartitioned`,
    identity: true,
  },
];

// The shapes before this migration, for `down`.
const UNPARTITIONED: TableShape[] = [
  {
    table: 'events',
    columns: EVENTS_COLUMNS,
    keys: ['CONSTRAINT events_pkey PRIMARY KEY (workspace_id, id)'],
    indexes: ['CREATE INDEX events_workspace_received_idx ON events (workspace_id, received_at DESC)'],
    foreignKeys: [WORKSPACE_FK('events')],
    columnList: EVENTS_LIST,
    copy: `SELECT ${EVENTS_LIST} FROM events_unpartitioned`,
    identity: false,
  },
  {
    table: 'raw_events',
    columns: RAW_EVENTS_COLUMNS,
    keys: ['CONSTRAINT raw_events_pkey PRIMARY KEY (workspace_id, id)'],
    indexes: [
      `CREATE INDEX raw_events_refused_idx ON raw_events (workspace_id, received_at DESC, id) WHERE status <> 'accepted'`,
      'CREATE INDEX raw_events_received_idx ON raw_events (received_at)',
    ],
    foreignKeys: [WORKSPACE_FK('raw_events')],
    columnList: RAW_EVENTS_LIST,
    copy: `SELECT ${RAW_EVENTS_LIST} FROM raw_events_unpartitioned`,
    identity: false,
  },
  {
    table: 'deliveries',
    columns: DELIVERY_COLUMNS(false),
    keys: ['CONSTRAINT deliveries_pkey PRIMARY KEY (workspace_id, id)', 'CONSTRAINT deliveries_event_connector_key UNIQUE (workspace_id, event_ref, connector_id)'],
    indexes: [`CREATE INDEX deliveries_pending_idx ON deliveries (connector_id, next_attempt_at) WHERE status = 'pending'`],
    foreignKeys: [
      CONNECTOR_FK('deliveries'),
      'CONSTRAINT deliveries_event_ref_fkey FOREIGN KEY (workspace_id, event_ref) REFERENCES events (workspace_id, id) ON DELETE CASCADE',
    ],
    columnList: DELIVERIES_LIST,
    // Deliveries whose event retention already dropped cannot satisfy the foreign key again.
    copy: `SELECT ${DELIVERIES_LIST} FROM deliveries_unpartitioned d
            WHERE EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = d.workspace_id AND e.id = d.event_ref)`,
    identity: true,
  },
  {
    table: 'delivery_logs',
    columns: DELIVERY_LOGS_COLUMNS,
    keys: ['CONSTRAINT delivery_logs_pkey PRIMARY KEY (workspace_id, id)'],
    indexes: [
      'CREATE INDEX delivery_logs_workspace_idx ON delivery_logs (workspace_id, connector_id, created_at DESC)',
      `CREATE INDEX delivery_logs_unsettled_idx ON delivery_logs (workspace_id, connector_id, created_at) WHERE outcome IN ('sending', 'in_doubt')`,
    ],
    foreignKeys: [CONNECTOR_FK('delivery_logs'), WORKSPACE_FK('delivery_logs')],
    columnList: DELIVERY_LOGS_LIST,
    copy: `SELECT ${DELIVERY_LOGS_LIST} FROM delivery_logs_unpartitioned`,
    identity: true,
  },
];

export class DayPartitions1796160700000 implements MigrationInterface {
  name = 'DayPartitions1796160700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_event_ref_fkey`);
    for (const shape of PARTITIONED) await setAside(queryRunner, shape.table);
    for (const shape of PARTITIONED) {
      await queryRunner.query(`CREATE TABLE ${shape.table} (${shape.columns}, ${shape.keys.join(', ')}) PARTITION BY RANGE (${shape.partitionKey})`);
      const source = shape.table === 'deliveries' ? 'events' : `${shape.table}_unpartitioned`;
      const key = shape.table === 'deliveries' ? 'received_at' : shape.partitionKey;
      await createDays(queryRunner, shape.table, source, key);
      await fill(queryRunner, shape);
    }
    for (const shape of PARTITIONED) await finish(queryRunner, shape);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const shape of UNPARTITIONED) await setAside(queryRunner, shape.table);
    // events first: the deliveries' foreign key refers to it.
    for (const shape of UNPARTITIONED) {
      await queryRunner.query(`CREATE TABLE ${shape.table} (${shape.columns}, ${shape.keys.join(', ')})`);
      await fill(queryRunner, shape);
    }
    for (const shape of UNPARTITIONED) await finish(queryRunner, shape);
  }
}

// Renames the table (and its identity sequence) out of the way and drops its keys and indexes,
// whose names the new table takes.
async function setAside(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE ${table} RENAME TO ${table}_unpartitioned`);
  const sequence: Array<{ name: string | null }> = await queryRunner.query(`SELECT pg_get_serial_sequence($1, 'id') AS name`, [`${table}_unpartitioned`]);
  if (sequence[0]?.name) await queryRunner.query(`ALTER SEQUENCE ${sequence[0].name} RENAME TO ${table}_unpartitioned_id_seq`);
  const keys: Array<{ conname: string }> = await queryRunner.query(
    `SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'f')`,
    [`${table}_unpartitioned`],
  );
  for (const { conname } of keys) await queryRunner.query(`ALTER TABLE ${table}_unpartitioned DROP CONSTRAINT ${conname}`);
  const indexes: Array<{ indexname: string }> = await queryRunner.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1`, [
    `${table}_unpartitioned`,
  ]);
  for (const { indexname } of indexes) await queryRunner.query(`DROP INDEX ${indexname}`);
}

// One partition per UTC day that a row of `source` has, plus yesterday, today and DAYS_AHEAD.
async function createDays(queryRunner: QueryRunner, table: string, source: string, key: string): Promise<void> {
  const days: Array<{ day: string; next: string }> = await queryRunner.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, to_char(day + interval '1 day', 'YYYY-MM-DD') AS next FROM (
       SELECT date_trunc('day', ${key} AT TIME ZONE 'UTC') AS day FROM ${source}
       UNION SELECT generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - interval '1 day',
                                    date_trunc('day', now() AT TIME ZONE 'UTC') + make_interval(days => $1), interval '1 day')
     ) AS d GROUP BY day ORDER BY day`,
    [DAYS_AHEAD],
  );
  for (const { day, next } of days) {
    await queryRunner.query(
      `CREATE TABLE ${table}_p${day.replace(/-/g, '')} PARTITION OF ${table} FOR VALUES FROM ('${day} 00:00:00+00') TO ('${next} 00:00:00+00')`,
    );
  }
}

// Moves the rows, keeping identity values and the sequence where it was (an attempt record's
// delivery_ids refer to delivery ids, so none may be handed out twice).
async function fill(queryRunner: QueryRunner, shape: TableShape): Promise<void> {
  await queryRunner.query(`INSERT INTO ${shape.table} (${shape.columnList}) ${shape.identity ? 'OVERRIDING SYSTEM VALUE ' : ''}${shape.copy}`);
  if (shape.identity) {
    await queryRunner.query(
      `SELECT setval(pg_get_serial_sequence('${shape.table}', 'id'), last_value, is_called) FROM ${shape.table}_unpartitioned_id_seq`,
    );
  }
}

async function finish(queryRunner: QueryRunner, shape: TableShape): Promise<void> {
  await queryRunner.query(`DROP TABLE ${shape.table}_unpartitioned`);
  for (const index of shape.indexes) await queryRunner.query(index);
  for (const foreignKey of shape.foreignKeys) await queryRunner.query(`ALTER TABLE ${shape.table} ADD ${foreignKey}`);
}
