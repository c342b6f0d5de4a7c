import { AlertsRepository } from '@app/alerts';
import { CombinedStatement, Database, PartitionKeyRange, Transaction, WorkspaceId } from '@app/core';
import { EventDedupRepository } from '@app/dedup';
import { EventsRepository, RawEventsRepository } from '@app/events';
import { MetricsRepository, NO_CONNECTOR } from '@app/metrics';
import { ConnectorsRepository, DeliveriesRepository, DeliveryLogsRepository } from '@app/platforms';
import { DayPartitionsRepository } from '../../libs/storage/src/day-partitions.repository';
import { ClickIdsRepository } from '../../libs/ingest/src/click-ids/click-ids.repository';
import { IngestKeysRepository } from '../../libs/ingest/src/keys/ingest-keys.repository';
import { InvitationsRepository } from '../../libs/tenancy/src/invitations/invitations.repository';
import { MembershipsRepository } from '../../libs/tenancy/src/members/memberships.repository';
import { UsersRepository } from '../../libs/tenancy/src/users/users.repository';
import { WorkspacesRepository } from '../../libs/tenancy/src/workspaces/workspaces.repository';

// What a sample call needs: a signed-up workspace with a key, a connector and one event that has
// a pending delivery, and a way to run statements in a transaction that is rolled back.
export interface SampleFixture {
  db: Database;
  workspaceId: WorkspaceId;
  userId: string;
  email: string;
  // A user who is not a member of the workspace.
  otherUserId: string;
  keyId: string;
  connectorId: string;
  eventRef: string;
  deliveryId: string;
  // The event's (and its delivery's) day, as a claimed batch's statements narrow to it.
  received: PartitionKeyRange;
  rolledBack(work: (tx: Transaction) => Promise<unknown>): Promise<void>;
  get<T>(type: new (...args: never[]) => T): T;
}

type Sample = (f: SampleFixture) => Promise<unknown>;

// Repositories only the worker provides (so the api app does not list them), sampled over the
// api's database.
export const WORKER_ONLY_REPOSITORIES: Array<new (...args: never[]) => object> = [DayPartitionsRepository];
const SAMPLE_CONNECTOR = {
  id: '00000000-0000-4000-8000-0000000000c1',
  platform: 'tiktok',
  name: 'Sample',
  pixelCode: 'PXSAMPLE',
  accessTokenSealed: 'v1.sealed',
  accessTokenKeyId: 'key',
  accessTokenHint: '…abcd',
  testEventCode: null,
  status: 'invalid' as const,
  statusReason: 'sample',
  eventMapping: {},
  options: { sendIp: true, sendUserAgent: true, unmappedEvents: 'send' as const },
  lastValidation: null,
};

// One sample call per public method of every repository, in the order they are written to the
// method's .sql file. The repository SQL test fails when a repository has a method missing here.
export const REPOSITORY_SAMPLES: Array<[new (...args: never[]) => object, Record<string, Sample>]> = [
  [
    UsersRepository,
    {
      insertIfAbsent: (f) => f.rolledBack((tx) => f.get(UsersRepository).insertIfAbsent('sample@example.test', 'hash', tx)),
      findWithPasswordHash: (f) => f.get(UsersRepository).findWithPasswordHash(f.email),
      findById: (f) => f.get(UsersRepository).findById(f.userId),
      findByEmail: (f) => f.get(UsersRepository).findByEmail(f.email),
      exists: (f) => f.get(UsersRepository).exists(f.userId),
      setPasswordHash: (f) => f.rolledBack(() => f.get(UsersRepository).setPasswordHash('00000000-0000-4000-8000-000000000000', 'hash')),
    },
  ],
  [
    WorkspacesRepository,
    {
      insert: (f) => f.rolledBack((tx) => f.get(WorkspacesRepository).insert('Sample', 'sample-slug', tx)),
      find: (f) => f.get(WorkspacesRepository).find(f.workspaceId),
      settings: (f) => f.get(WorkspacesRepository).settings(f.workspaceId),
      settingsOfAll: (f) => f.get(WorkspacesRepository).settingsOfAll(),
      update: (f) => f.get(WorkspacesRepository).update(f.workspaceId, { name: 'Renamed', settings: { dedupWindowHours: 24 } }),
      delete: (f) => f.get(WorkspacesRepository).delete('00000000-0000-4000-8000-000000000000' as WorkspaceId),
      listForUser: (f) => f.get(WorkspacesRepository).listForUser(f.userId),
    },
  ],
  [
    MembershipsRepository,
    {
      insert: (f) => f.rolledBack((tx) => f.get(MembershipsRepository).insert(f.workspaceId, f.otherUserId, 'viewer', tx)),
      roleOf: (f) => f.get(MembershipsRepository).roleOf(f.workspaceId, f.userId),
      roleOfEmail: (f) => f.get(MembershipsRepository).roleOfEmail(f.workspaceId, f.email),
      list: (f) => f.get(MembershipsRepository).list(f.workspaceId),
      lockRole: (f) => f.rolledBack((tx) => f.get(MembershipsRepository).lockRole(f.workspaceId, f.userId, tx)),
      lockOwnerCount: (f) => f.rolledBack((tx) => f.get(MembershipsRepository).lockOwnerCount(f.workspaceId, tx)),
      updateRole: (f) => f.rolledBack((tx) => f.get(MembershipsRepository).updateRole(f.workspaceId, f.userId, 'owner', tx)),
      delete: (f) => f.rolledBack((tx) => f.get(MembershipsRepository).delete(f.workspaceId, f.userId, tx)),
    },
  ],
  [
    InvitationsRepository,
    {
      createReplacingOpen: (f) =>
        f.rolledBack((tx) =>
          f
            .get(InvitationsRepository)
            .createReplacingOpen(f.workspaceId, { email: 'invitee@example.test', role: 'viewer', tokenHash: 'sample', invitedBy: f.userId, ttlDays: 7 }, tx),
        ),
      list: (f) => f.get(InvitationsRepository).list(f.workspaceId, 10),
      findForUpdate: (f) => f.rolledBack((tx) => f.get(InvitationsRepository).findForUpdate(f.workspaceId, '00000000-0000-4000-8000-000000000000', tx)),
      revoke: (f) => f.rolledBack((tx) => f.get(InvitationsRepository).revoke(f.workspaceId, '00000000-0000-4000-8000-000000000000', tx)),
      findByTokenForUpdate: (f) => f.rolledBack((tx) => f.get(InvitationsRepository).findByTokenForUpdate('sample', tx)),
      markAccepted: (f) =>
        f.rolledBack((tx) => f.get(InvitationsRepository).markAccepted(f.workspaceId, '00000000-0000-4000-8000-000000000000', f.userId, tx)),
      listOpenForEmail: (f) => f.get(InvitationsRepository).listOpenForEmail(f.email),
    },
  ],
  [
    IngestKeysRepository,
    {
      insert: (f) => f.get(IngestKeysRepository).insert(f.workspaceId, { name: 'Sample', prefix: 'tl_live_sample', hash: 'sample-hash', createdBy: f.userId }),
      list: (f) => f.get(IngestKeysRepository).list(f.workspaceId),
      find: (f) => f.get(IngestKeysRepository).find(f.workspaceId, f.keyId),
      count: (f) => f.get(IngestKeysRepository).count(f.workspaceId),
      revoke: (f) => f.get(IngestKeysRepository).revoke(f.workspaceId, '00000000-0000-4000-8000-000000000000'),
      touch: (f) => f.get(IngestKeysRepository).touch(f.workspaceId, f.keyId, new Date()),
      findActiveByHash: (f) => f.get(IngestKeysRepository).findActiveByHash('sample-hash'),
    },
  ],
  [
    ClickIdsRepository,
    {
      addLoad: (f) => statement(f, (s) => f.get(ClickIdsRepository).addLoad(s, ['anon:v-1'])),
      addRemember: (f) => statement(f, (s) => f.get(ClickIdsRepository).addRemember(s, [{ identity: 'anon:v-1', kind: 'ttclid', value: 'E.C.P.x', capturedAt: 1 }])),
      pruneCapturedBefore: (f) => f.get(ClickIdsRepository).pruneCapturedBefore(new Date(0), 5000),
    },
  ],
  [
    EventsRepository,
    {
      delete: (f) => f.get(EventsRepository).delete(f.workspaceId, ['00000000-0000-4000-8000-0000000000d0'], new Date(0)),
      addInsert: (f) =>
        statement(f, (s) =>
          f.get(EventsRepository).addInsert(s, [
            {
              id: '00000000-0000-4000-8000-0000000000e1',
              ingestKeyId: f.keyId,
              event: { eventId: 'sample', eventName: 'purchase', eventTime: 1, user: {}, properties: {} } as never,
              ttclidRestored: false,
              ttpRestored: false,
            },
          ]),
        ),
      searchSizes: (f) =>
        f.get(EventsRepository).searchSizes(f.workspaceId, {
          ids: [f.eventRef],
          eventName: 'purchase',
          ttclid: 'E.C.P.x',
          before: { receivedAt: '2026-12-01 10:00:00+00', id: f.eventRef },
          limit: 10,
        }),
      byIds: (f) => f.get(EventsRepository).byIds(f.workspaceId, [f.eventRef]),
      payloads: (f) => f.get(EventsRepository).payloads(f.workspaceId, [f.eventRef], f.received),
      receivedBetween: (f) => f.get(EventsRepository).receivedBetween(f.workspaceId, new Date(0), new Date(), undefined, 1000),
      lastReceivedAt: (f) => f.get(EventsRepository).lastReceivedAt(f.workspaceId),
    },
  ],
  [
    RawEventsRepository,
    {
      addInsert: (f) =>
        statement(f, (s) =>
          f.get(RawEventsRepository).addInsert(s, [
            { id: '00000000-0000-4000-8000-0000000000e3', status: 'rejected', eventName: 'purchase', reason: 'invalid_field', errors: [], raw: { event: 'purchase' } },
          ]),
        ),
      get: (f) => f.get(RawEventsRepository).get(f.workspaceId, f.eventRef),
      rawOf: (f) => f.get(RawEventsRepository).rawOf(f.workspaceId, [f.eventRef]),
      rawSizes: (f) => f.get(RawEventsRepository).rawSizes(f.workspaceId, [f.eventRef]),
      refused: (f) => f.get(RawEventsRepository).refused(f.workspaceId, { statuses: ['rejected'], eventName: 'purchase', limit: 10 }),
      deleteOlderThan: (f) => f.get(RawEventsRepository).deleteOlderThan(new Date(0), 10),
      trimRefused: (f) => f.get(RawEventsRepository).trimRefused(f.workspaceId, 10, 10),
      workspacesOverRefusedLimit: (f) => f.get(RawEventsRepository).workspacesOverRefusedLimit(10),
    },
  ],
  [
    EventDedupRepository,
    {
      refOf: (f) => f.get(EventDedupRepository).refOf(f.workspaceId, 'sample-1'),
      pruneExpired: (f) => f.get(EventDedupRepository).pruneExpired(f.workspaceId, 720, 1000),
      addClaim: (f) =>
        f.rolledBack(async (tx) => {
          const s = new CombinedStatement(f.workspaceId);
          const claim = f.get(EventDedupRepository).addClaim(s, [{ eventId: 'sample-2', ref: '00000000-0000-4000-8000-0000000000e2' }], 48);
          await claim.verdicts(await s.run(tx), tx);
        }),
    },
  ],
  [
    ConnectorsRepository,
    {
      list: (f) => f.get(ConnectorsRepository).list(f.workspaceId),
      find: (f) => f.get(ConnectorsRepository).find(f.workspaceId, f.connectorId),
      findWithSealedToken: (f) => f.get(ConnectorsRepository).findWithSealedToken(f.workspaceId, f.connectorId),
      insert: (f) =>
        f.get(ConnectorsRepository).insert(f.workspaceId, SAMPLE_CONNECTOR),
      update: (f) => f.get(ConnectorsRepository).update(f.workspaceId, f.connectorId, { name: 'Renamed', eventMapping: { buy: 'Purchase' } }),
      delete: (f) => f.get(ConnectorsRepository).delete(f.workspaceId, '00000000-0000-4000-8000-0000000000c1'),
      listInvalid: (f) => f.get(ConnectorsRepository).listInvalid(f.workspaceId, null),
      workspacesWithConnectors: (f) => f.get(ConnectorsRepository).workspacesWithConnectors(null, 500),
      lockSealedUnderOtherKeys: (f) => f.rolledBack((tx) => f.get(ConnectorsRepository).lockSealedUnderOtherKeys(tx, 'current-key', 10)),
      sealedCredentialsOfPlatform: (f) => f.get(ConnectorsRepository).sealedCredentialsOfPlatform('tiktok'),
      reseal: (f) => f.rolledBack((tx) => f.get(ConnectorsRepository).reseal(f.workspaceId, f.connectorId, 'v1.sealed', 'key', tx)),
    },
  ],
  [
    DeliveriesRepository,
    {
      // Its connector first, in the same rolled-back transaction (the cursor references it).
      startCursor: (f) =>
        f.rolledBack(async (tx) => {
          const connectorId = '00000000-0000-4000-8000-0000000000c2';
          await f.get(ConnectorsRepository).insert(f.workspaceId, { ...SAMPLE_CONNECTOR, id: connectorId }, tx);
          await f.get(DeliveriesRepository).startCursor(f.workspaceId, connectorId, tx);
        }),
      materialize: (f) => f.get(DeliveriesRepository).materialize(f.workspaceId, f.connectorId, 10),
      eventsWithOpenWork: (f) => f.get(DeliveriesRepository).eventsWithOpenWork(f.workspaceId, [f.eventRef]),
      addForConnector: (f) => f.get(DeliveriesRepository).addForConnector(f.workspaceId, f.connectorId, [{ id: f.eventRef, receivedAt: new Date().toISOString() }]),
      deleteOfEvents: (f) => f.get(DeliveriesRepository).deleteOfEvents(f.workspaceId, ['00000000-0000-4000-8000-0000000000d0'], new Date(0)),
      holdsOpenWorkForEventsReceived: (f) => f.get(DeliveriesRepository).holdsOpenWorkForEventsReceived(new Date(0), new Date(86_400_000)),
      claimDue: (f) => f.rolledBack((tx) => f.get(DeliveriesRepository).claimDue(f.workspaceId, f.connectorId, 10, tx)),
      markDelivered: (f) => f.rolledBack((tx) => f.get(DeliveriesRepository).markDelivered(f.workspaceId, [f.deliveryId], f.received, tx)),
      markFinal: (f) => f.rolledBack((tx) => f.get(DeliveriesRepository).markFinal(f.workspaceId, [f.deliveryId], f.received, 'rejected', 40002, 'sample', tx)),
      scheduleRetries: (f) =>
        f.rolledBack((tx) => f.get(DeliveriesRepository).scheduleRetries(f.workspaceId, [{ id: f.deliveryId, delayMs: 1000 }], f.received, 40100, 'sample', tx)),
      countInDoubtAttempts: (f) => f.rolledBack((tx) => f.get(DeliveriesRepository).countInDoubtAttempts(f.workspaceId, new Map([[f.deliveryId, 2]]), f.received, tx)),
      holdForCredentials: (f) => f.rolledBack((tx) => f.get(DeliveriesRepository).holdForCredentials(f.workspaceId, [f.deliveryId], f.received, 'sample', tx)),
      statusesForEvents: (f) => f.get(DeliveriesRepository).statusesForEvents(f.workspaceId, [f.eventRef]),
      ofEvent: (f) => f.get(DeliveriesRepository).ofEvent(f.workspaceId, f.eventRef),
      eventRefsOf: (f) => f.get(DeliveriesRepository).eventRefsOf(f.workspaceId, [f.deliveryId]),
      eventRefsWithStatus: (f) => f.get(DeliveriesRepository).eventRefsWithStatus(f.workspaceId, { statuses: ['delivered'], connectorId: f.connectorId, limit: 10 }),
      requeueEvents: (f) => f.get(DeliveriesRepository).requeueEvents(f.workspaceId, [f.eventRef], f.connectorId),
      requeue: (f) => f.get(DeliveriesRepository).requeue(f.workspaceId, f.connectorId, new Date(0), new Date(1000), ['failed']),
      pendingSummary: (f) => f.get(DeliveriesRepository).pendingSummary(f.workspaceId, null),
      connectorsWithDueWork: (f) => f.get(DeliveriesRepository).connectorsWithDueWork(),
      pendingAcrossWorkspaces: (f) => f.get(DeliveriesRepository).pendingAcrossWorkspaces(),
    },
  ],
  [
    DeliveryLogsRepository,
    {
      pruneSettled: (f) => f.get(DeliveryLogsRepository).pruneSettled(f.workspaceId, 90, 1000),
      holdsUnsettledCreated: (f) => f.get(DeliveryLogsRepository).holdsUnsettledCreated(new Date(0), new Date(86_400_000)),
      addStart: (f) =>
        statement(f, (s) =>
          f.get(DeliveryLogsRepository).addStart(
            s,
            { workspaceId: f.workspaceId, connectorId: f.connectorId, requestKey: '00000000-0000-4000-8000-0000000000a1', attempt: 1, deliveryIds: [f.deliveryId], resentEvents: 0 },
            1,
          ),
        ),
      addMarkInDoubt: (f) => statement(f, (s) => f.get(DeliveryLogsRepository).addMarkInDoubt(s, ['1'])),
      carriedBy: (f) => f.get(DeliveryLogsRepository).carriedBy(f.workspaceId, f.connectorId, new Date(0), [f.deliveryId]),
      deliveryIdsOf: (f) => f.get(DeliveryLogsRepository).deliveryIdsOf(f.workspaceId, '1'),
      carrying: (f) => f.rolledBack((tx) => f.get(DeliveryLogsRepository).carrying(f.workspaceId, f.connectorId, new Date(0), [f.deliveryId], tx)),
      settle: (f) =>
        f.rolledBack((tx) =>
          f.get(DeliveryLogsRepository).settle(f.workspaceId, '1', { outcome: 'delivered', platformMessage: 'OK', latencyMs: 5 }, tx),
        ),
      list: (f) => f.get(DeliveryLogsRepository).list(f.workspaceId, undefined, 10),
    },
  ],
  [
    MetricsRepository,
    {
      addIncrements: (f) => statement(f, (s) => f.get(MetricsRepository).addIncrements(s, new Date(), [{ c: NO_CONNECTOR, m: 'received', d1: '', d2: '', v: 1 }])),
      rollUp: (f) => f.rolledBack((tx) => f.get(MetricsRepository).rollUp(tx)),
      counters: (f) => f.get(MetricsRepository).counters(f.workspaceId, [{ granularity: 'day', from: new Date(0), to: new Date() }], NO_CONNECTOR, null),
      series: (f) => f.get(MetricsRepository).series(f.workspaceId, 'hour', new Date(0), new Date(), ['received'], NO_CONNECTOR, null),
      pruneCountsOlderThan: (f) => f.get(MetricsRepository).pruneCountsOlderThan(f.workspaceId, 13, 1000),
    },
  ],
  [
    DayPartitionsRepository,
    {
      // A day long past, created then dropped, so the samples leave the schema as they found it.
      // Only the worker provides this repository: it runs here over the api's database.
      list: (f) => new DayPartitionsRepository(f.db).list('events'),
      create: (f) => new DayPartitionsRepository(f.db).create('events', new Date('2001-01-01T00:00:00Z')),
      drop: (f) =>
        new DayPartitionsRepository(f.db).drop('events', { name: 'events_p20010101', day: new Date('2001-01-01T00:00:00Z'), attached: true, detachPending: false }),
    },
  ],
  [
    AlertsRepository,
    {
      webhook: (f) => f.get(AlertsRepository).webhook(f.workspaceId),
      webhookWithSealedSecret: (f) => f.get(AlertsRepository).webhookWithSealedSecret(f.workspaceId),
      saveWebhook: (f) => f.get(AlertsRepository).saveWebhook(f.workspaceId, 'https://hooks.example.test/a', 'v1.sealed', 'key'),
      updateWebhookUrl: (f) => f.get(AlertsRepository).updateWebhookUrl(f.workspaceId, 'https://hooks.example.test/b'),
      deleteWebhook: (f) => f.get(AlertsRepository).deleteWebhook(f.workspaceId),
      list: (f) => f.get(AlertsRepository).list(f.workspaceId, 'open', 50),
      listOpen: (f) => f.get(AlertsRepository).listOpen(f.workspaceId),
      raise: (f) =>
        f.get(AlertsRepository).raise(f.workspaceId, SAMPLE_ALERT, { kind: 'rejection_rate', subject: 'workspace', message: 'Sample', details: {} }),
      resolve: (f) => f.get(AlertsRepository).resolve(f.workspaceId, [SAMPLE_ALERT]),
      deleteResolvedBefore: (f) => f.get(AlertsRepository).deleteResolvedBefore(30, 5000),
      claimDueWebhooks: (f) => f.get(AlertsRepository).claimDueWebhooks(50, 10_000),
      markWebhookSent: (f) => f.get(AlertsRepository).markWebhookSent(f.workspaceId, SAMPLE_ALERT),
      scheduleWebhookRetry: (f) => f.get(AlertsRepository).scheduleWebhookRetry(f.workspaceId, SAMPLE_ALERT, 1000, 'HTTP 500'),
      markWebhookFinal: (f) => f.get(AlertsRepository).markWebhookFinal(f.workspaceId, SAMPLE_ALERT, 'failed', 'HTTP 500'),
    },
  ],
];

const SAMPLE_ALERT = '00000000-0000-4000-8000-0000000000a1';

// A statement part on its own, run and rolled back.
function statement(f: SampleFixture, add: (statement: CombinedStatement) => unknown): Promise<void> {
  return f.rolledBack(async (tx) => {
    const s = new CombinedStatement(f.workspaceId);
    add(s);
    await s.run(tx);
  });
}
