// What the click id store costs Postgres per event (issue 21, docs/benchmark.md): the rows per
// identity and kind that ingest wrote until ClickIdsPerIdentity ("by kind") against one row per
// identity ("per identity"). Run by bench/sql/click-ids-row-cost.sh on a fresh migrated database.
// Both go through the real ClickIdRestorer in batches of 100 as the ingest writer does (load the
// batch's identities, restore in memory, write the changes, commit); "by kind" uses the SQL of the
// repository before the change, on a table of the old shape. Measured per variant: rows, bytes on
// disk and WAL bytes per event (independent of the machine's load), and the backend's CPU per
// event (from /proc, which moves with the load: rounds alternate so noise falls on both alike).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { CombinedStatement, setClickId, StatementResult, workspaceIdOf, type NormalizedEvent } from '@app/core';
import { ClickIdRestorer, KnownClickIds, RestoreKind } from '../../libs/ingest/src/click-ids/click-id.restorer';
import { ClickIdsRepository } from '../../libs/ingest/src/click-ids/click-ids.repository';
import { ClickIdChange } from '../../libs/ingest/src/click-ids/stored-click-ids';
import { visitorIdentities } from '../../libs/ingest/src/click-ids/visitor-identities';

const WORKSPACE = workspaceIdOf('00000000-0000-4000-8000-0000000000c1');
const BATCH = 100;
const T0 = 1_796_000_000;
const DAY = 86_400;
const KINDS: RestoreKind[] = ['ttclid', 'ttp', 'fbc', 'fbp'].map((kind) => ({ kind, windowSeconds: 7 * DAY }));

interface Variant {
  name: string;
  table: string;
  // 30,000 earlier visitors of the workspace, analyzed, so the batches run against a table of
  // some size whose statistics know the workspace, as in production (where they do not, the
  // cached generic plan looks the identities up by filtering every row of the workspace).
  seed: string;
  addLoad(statement: CombinedStatement, identities: string[]): (result: StatementResult) => Map<string, KnownClickIds>;
  addRemember(statement: CombinedStatement, changes: ClickIdChange[]): void;
}

// The repository's addLoad and addRemember as they were before ClickIdsPerIdentity (commit 685fec1).
const byKind: Variant = {
  name: 'by kind',
  table: 'click_ids_by_kind',
  seed: `INSERT INTO click_ids_by_kind (workspace_id, identity, kind, value, captured_at)
           SELECT '${WORKSPACE}', p || n, k, md5(p || n || k), to_timestamp(${T0} - n)
             FROM generate_series(1, 30000) AS n, unnest(ARRAY['anon:seed-', 'email:seed-', 'phone:seed-']) AS p, unnest(ARRAY['ttclid', 'ttp']) AS k`,
  addLoad(statement, identities) {
    const rows = statement.output<{ identity: string; kind: string; value: string; captured_at: number }>(
      'click_ids_known',
      `SELECT identity, kind, value, extract(epoch FROM captured_at)::bigint AS captured_at
         FROM click_ids_by_kind WHERE workspace_id = ${statement.workspace}
          AND identity = ANY(${statement.param([...new Set(identities)], 'text[]')})`,
    );
    return (result) => {
      const known = new Map<string, KnownClickIds>();
      for (const row of result.rows(rows)) known.set(row.identity, { ...known.get(row.identity), [row.kind]: { value: row.value, capturedAt: Number(row.captured_at) } });
      return known;
    };
  },
  addRemember(statement, changes) {
    if (changes.length === 0) return;
    const rows = [...changes].sort((a, b) => (a.identity === b.identity ? (a.kind < b.kind ? -1 : 1) : a.identity < b.identity ? -1 : 1));
    statement.with(
      'click_ids_written',
      `INSERT INTO click_ids_by_kind AS c (workspace_id, identity, kind, value, captured_at)
         SELECT ${statement.workspace}, i.identity, i.kind, i.value, to_timestamp(i.captured_at)
           FROM unnest(${statement.param(rows.map((row) => row.identity), 'text[]')}, ${statement.param(rows.map((row) => row.kind), 'text[]')},
                       ${statement.param(rows.map((row) => row.value), 'text[]')}, ${statement.param(rows.map((row) => row.capturedAt), 'bigint[]')})
             AS i(identity, kind, value, captured_at)
       ON CONFLICT (workspace_id, identity, kind) DO UPDATE SET value = EXCLUDED.value, captured_at = EXCLUDED.captured_at
         WHERE c.value <> EXCLUDED.value AND c.captured_at <= EXCLUDED.captured_at`,
    );
  },
};

// The repository's own statements; pruning is not measured here, so it needs no Database.
const repository = new ClickIdsRepository(undefined as never);
const perIdentity: Variant = {
  name: 'per identity',
  table: 'click_ids',
  seed: `INSERT INTO click_ids (workspace_id, identity, ids, oldest_captured_at)
           SELECT '${WORKSPACE}', p || n, jsonb_build_object('ttclid', jsonb_build_array(md5(p || n || 'ttclid'), ${T0} - n),
                  'ttp', jsonb_build_array(md5(p || n || 'ttp'), ${T0} - n)), to_timestamp(${T0} - n)
             FROM generate_series(1, 30000) AS n, unnest(ARRAY['anon:seed-', 'email:seed-', 'phone:seed-']) AS p`,
  addLoad: (statement, identities) => repository.addLoad(statement, identities),
  addRemember: (statement, changes) => repository.addRemember(statement, changes),
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// bench/load/realistic-event.ts's visitor as the normalizer leaves it: anonymous id, hashed email
// and phone (one phone per 10,000 visitors), the page URL's ttclid and the _ttp cookie; `extra`
// adds kinds a later event of the visitor brings.
function visitorEvent(visitor: number, eventTime: number, carried: Record<string, string>): NormalizedEvent {
  const event: NormalizedEvent = {
    eventName: 'purchase',
    eventId: `e-${visitor}-${eventTime}`,
    eventIdSource: 'client',
    eventTime,
    anonymousId: `v-${visitor}`,
    user: { email: [sha256(`shopper.${visitor}@example.com`)], phone: [sha256(`+1213373${String(visitor % 10_000).padStart(4, '0')}`)] },
    properties: {},
    clickIds: {},
  };
  for (const [kind, value] of Object.entries(carried)) setClickId(event, kind, value, 'cookie');
  return event;
}
const landing = (visitor: number, eventTime: number) =>
  visitorEvent(visitor, eventTime, { ttclid: `E.C.P.Cg${visitor}AbCdEfGhIjKlMnOp`, ttp: `2aB3cD4eF5gH6iJ7kL8mN9${visitor}` });

// Each scenario: batches of events, in order.
const SCENARIOS: Record<string, () => NormalizedEvent[][]> = {
  // The bench's load: 20,000 new visitors, the event time moving a second per batch.
  'new visitors': () => batches(Array.from({ length: 20_000 }, (_, i) => landing(1_000_000_000 + i, T0 + Math.floor(i / BATCH)))),
  // 10,000 visitors land, then each comes back once with a kind it lacked (an _fbp cookie).
  'returning, one more kind': () =>
    batches([
      ...Array.from({ length: 10_000 }, (_, i) => landing(1_000_000_000 + i, T0 + Math.floor(i / BATCH))),
      ...Array.from({ length: 10_000 }, (_, i) => visitorEvent(1_000_000_000 + i, T0 + 3600 + Math.floor(i / BATCH), { fbp: `fb.1.1796000000000.${i}` })),
    ]),
};
function batches(events: NormalizedEvent[]): NormalizedEvent[][] {
  const out: NormalizedEvent[][] = [];
  for (let i = 0; i < events.length; i += BATCH) out.push(events.slice(i, i + BATCH));
  return out;
}

// On a connection of its own, so no statement prepared in an earlier run keeps its plan.
async function run(variant: Variant, events: NormalizedEvent[][]) {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(`TRUNCATE ${variant.table}`);
  await client.query(variant.seed);
  await client.query(`VACUUM ANALYZE ${variant.table}`);
  const seeded = (
    await client.query<{ rows: number; bytes: string }>(`SELECT count(*)::int AS rows, pg_total_relation_size('${variant.table}') AS bytes FROM ${variant.table}`)
  ).rows[0];
  await client.query('CHECKPOINT');
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const ticks = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  const exec = async (statement: CombinedStatement) => {
    const name = `s_${createHash('sha1').update(statement.sql).digest('hex').slice(0, 24)}`;
    return new StatementResult((await client.query({ name, text: statement.sql, values: statement.params })).rows[0] ?? {});
  };
  const lsn = async () => (await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn;
  const startLsn = await lsn();
  const startTicks = ticks();
  const started = process.hrtime.bigint();
  for (const batch of events) {
    await client.query('BEGIN');
    const load = new CombinedStatement(WORKSPACE);
    const readKnown = variant.addLoad(load, batch.flatMap((event) => visitorIdentities(event)));
    const restorer = new ClickIdRestorer(readKnown(await exec(load)), KINDS);
    for (const event of batch) restorer.apply(event);
    const write = new CombinedStatement(WORKSPACE);
    variant.addRemember(write, restorer.changes());
    await exec(write);
    await client.query('COMMIT');
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuTicks = ticks() - startTicks;
  const wal = Number((await client.query<{ b: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS b', [startLsn])).rows[0].b);
  const size = await client.query<{ rows: number; bytes: number }>(
    `SELECT (SELECT count(*) FROM ${variant.table})::int AS rows, pg_total_relation_size('${variant.table}')::bigint AS bytes`,
  );
  await client.end();
  const n = events.reduce((sum, batch) => sum + batch.length, 0);
  return { rows: (size.rows[0].rows - seeded.rows) / n, bytes: (Number(size.rows[0].bytes) - Number(seeded.bytes)) / n, wal: wal / n, cpuUs: (cpuTicks * 10_000) / n, ms };
}

async function main(): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(`
    CREATE TABLE click_ids_by_kind (
      workspace_id uuid NOT NULL, identity text NOT NULL, kind text NOT NULL, value text NOT NULL, captured_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, identity, kind))`);
  await client.query('CREATE INDEX click_ids_by_kind_captured_at_idx ON click_ids_by_kind (captured_at)');
  const rounds = Number(process.env.ROUNDS ?? 3);
  const fmt = (values: number[], digits = 0) => values.map((v) => v.toFixed(digits)).join(' ');
  for (const [scenario, build] of Object.entries(SCENARIOS).filter(([name]) => !process.env.SCENARIO || name === process.env.SCENARIO)) {
    const events = build();
    const results = new Map<string, Array<Awaited<ReturnType<typeof run>>>>();
    for (let round = 1; round <= rounds; round++) {
      for (const variant of round % 2 === 1 ? [byKind, perIdentity] : [perIdentity, byKind]) {
        const result = await run(variant, events);
        results.set(variant.name, [...(results.get(variant.name) ?? []), result]);
        console.error(`${scenario}, round ${round}, ${variant.name}: ${JSON.stringify(result)}`);
      }
    }
    console.log(`\n${scenario} (${events.flat().length} events, batches of ${BATCH}), per event, each round:`);
    console.log('| variant | rows | bytes on disk | WAL bytes | Postgres CPU µs | wall ms (all) |');
    console.log('|---|--:|--:|--:|--:|--:|');
    for (const [name, rs] of results) {
      console.log(`| ${name} | ${fmt(rs.map((r) => r.rows), 2)} | ${fmt(rs.map((r) => r.bytes))} | ${fmt(rs.map((r) => r.wal))} | ${fmt(rs.map((r) => r.cpuUs), 1)} | ${fmt(rs.map((r) => r.ms))} |`);
    }
  }
  await client.end();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
