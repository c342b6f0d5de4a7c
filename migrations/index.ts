import { Foundation1764050000000 } from './1764050000000-Foundation';
import { Connectors1764100000000 } from './1764100000000-Connectors';
import { Ingest1764150000000 } from './1764150000000-Ingest';
import { DeliveryLogs1764200000000 } from './1764200000000-DeliveryLogs';
import { Metrics1764250000000 } from './1764250000000-Metrics';
import { IngestHotPath1764300000000 } from './1764300000000-IngestHotPath';
import { DeliveryAttempts1796151316309 } from './1796151316309-DeliveryAttempts';
import { Invitations1796152380491 } from './1796152380491-Invitations';
import { MetricIncrementsWorkspaceKey1796157231861 } from './1796157231861-MetricIncrementsWorkspaceKey';
import { ClickIdsByKind1796160000000 } from './1796160000000-ClickIdsByKind';
import { WorkspaceKeys1796160200000 } from './1796160200000-WorkspaceKeys';
import { DedupExpiry1796160300000 } from './1796160300000-DedupExpiry';
import { RawEvents1796160400000 } from './1796160400000-RawEvents';
import { Alerts1796160500000 } from './1796160500000-Alerts';
import { ConnectorPlatforms1796160600000 } from './1796160600000-ConnectorPlatforms';
import { DayPartitions1796160700000 } from './1796160700000-DayPartitions';
import { ConnectorCursors1796160800000 } from './1796160800000-ConnectorCursors';
import { ClickIdsPerIdentity1796160900000 } from './1796160900000-ClickIdsPerIdentity';

// Listed explicitly (not globbed) so the same list works from TypeScript in tests and from the
// compiled build; append new migrations in order, never edit one that has shipped.
export const ALL_MIGRATIONS = [
  Foundation1764050000000, Connectors1764100000000, Ingest1764150000000, DeliveryLogs1764200000000, Metrics1764250000000,
  IngestHotPath1764300000000, DeliveryAttempts1796151316309, Invitations1796152380491, MetricIncrementsWorkspaceKey1796157231861,
  ClickIdsByKind1796160000000, WorkspaceKeys1796160200000, DedupExpiry1796160300000, RawEvents1796160400000,
  Alerts1796160500000,
  ConnectorPlatforms1796160600000,
  DayPartitions1796160700000,
  ConnectorCursors1796160800000,
  ClickIdsPerIdentity1796160900000,
];
