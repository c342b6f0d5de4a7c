import { lazy, Suspense, useState } from 'react';
import { api, call, type Schema } from '../../api/api-client';
import { DataTable, type Column } from '../../components/data-table.component';
import { ErrorAlert } from '../../components/error-alert.component';
import { platformAnswerColumns } from '../../components/platform-answer-columns';
import { SelectField } from '../../components/select-field.component';
import { StatusBadge } from '../../components/status-badge.component';
import { useApiQuery } from '../../data/use-api-query';
import { count, dateTime, percent } from '../../model/format';
import { checkTitle, healthVerdict } from '../../model/health-verdict';
import { useWorkspace } from '../../session/workspace.context';

const TrafficChart = lazy(() => import('./traffic-chart.component').then((m) => ({ default: m.TrafficChart })));

type Report = Schema<'MetricsReportView'>;
type Period = '1h' | '24h' | '7d';
const PERIOD_MS: Record<Period, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 };
const CHECK_TONES = { ok: 'ok', warn: 'warn', fail: 'fail' } as const;
const CHECK_WORDS = { ok: 'OK', warn: 'Warning', fail: 'Failing' } as const;

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>
        <strong>{value}</strong>
        {hint && <span className="hint"> {hint}</span>}
      </dd>
    </div>
  );
}

const Share = ({ label, value, hint }: { label: string; value: number; hint?: string }) => <Figure label={label} value={percent(value)} hint={hint} />;

// Each connector's coverage of the click ids its platform matches on (TikTok: ttclid, ttp; Meta: fbc, fbp).
function ConnectorCoverage({ report }: { report: Report }) {
  if (report.connectorClickIdCoverage.length === 0) return null;
  return (
    <DataTable
      caption="Per connector, the click ids of its platform"
      rows={report.connectorClickIdCoverage}
      rowKey={(c) => c.connectorId}
      columns={[
        { header: 'Connector', cell: (c) => c.name },
        { header: 'Platform', cell: (c) => report.eventNamesByPlatform[c.platform]?.platformName ?? c.platform },
        {
          header: 'Coverage (restored)',
          cell: (c) =>
            Object.entries(c.kinds)
              .map(([kind, k]) => `${kind} ${percent(k.coverage)} (${percent(k.restored)})`)
              .join(', '),
        },
      ]}
    />
  );
}

function PlatformEventNames({ names }: { names: Report['eventNamesByPlatform'][string] }) {
  return (
    <>
      <h3>{names.platformName}</h3>
      {names.unmappedEventNames.length > 0 ? (
        <p className="alert alert-warn">
          Without a {names.platformName} name (sent as custom events or dropped): {names.unmappedEventNames.map((u) => `${u.source} (${count(u.count)})`).join(', ')}.
          Map them on the Platforms page.
        </p>
      ) : (
        <p>Every delivered event had a {names.platformName} event name.</p>
      )}
      {names.eventNames.length > 0 && (
        <DataTable
          rows={names.eventNames}
          rowKey={(n) => `${n.source}:${n.name}`}
          columns={[
            { header: 'Your event name', cell: (n) => <code>{n.source}</code> },
            { header: `Sent to ${names.platformName} as`, cell: (n) => <code>{n.name}</code> },
            { header: 'Events', cell: (n) => count(n.count) },
          ]}
        />
      )}
    </>
  );
}

function Figures({ report }: { report: Report }) {
  return (
    <>
      <section aria-labelledby="traffic-heading">
        <h2 id="traffic-heading">Traffic</h2>
        <dl className="figures">
          <Share label="Rejection rate" value={report.rejectionRate} hint="by TrackLayer or the platform" />
          <Figure label="Received" value={count(report.received)} />
          <Figure label="Accepted" value={count(report.accepted)} hint={`(${count(report.duplicates)} duplicates)`} />
          <Figure label="Rejected by TrackLayer" value={count(report.rejected)} />
          <Figure
            label="Delivered"
            value={count(report.delivered)}
            hint={`(${count(report.platformRejected)} rejected by the platform, ${count(report.pending)} pending)`}
          />
          <Figure label="Undeliverable" value={count(report.undeliverable)} hint="accepted while no connector was active: stored, not sent" />
        </dl>
      </section>
      <section aria-labelledby="clickids-heading">
        <h2 id="clickids-heading">Click-ID coverage</h2>
        <dl className="figures">
          <Share label="ttclid" value={report.clickIdCoverage.ttclid} />
          <Share label="ttclid among TikTok ad visitors" value={report.tiktokTrafficTtclidCoverage} />
          <Share label="ttp" value={report.clickIdCoverage.ttp} />
          <Share label="Any click id" value={report.clickIdCoverage.any} />
          <Share label="Restored by TrackLayer" value={report.clickIdCoverage.restored} hint="carried over from an earlier event of the visitor" />
        </dl>
        <ConnectorCoverage report={report} />
      </section>
      <section aria-labelledby="matchkeys-heading">
        <h2 id="matchkeys-heading">Match-key coverage</h2>
        <dl className="figures">
          <Share label="Email" value={report.matchKeyCoverage.email} />
          <Share label="Phone" value={report.matchKeyCoverage.phone} />
          <Share label="External id" value={report.matchKeyCoverage.externalId} />
          <Share label="IP address" value={report.matchKeyCoverage.ip} />
          <Share label="User agent" value={report.matchKeyCoverage.userAgent} />
        </dl>
      </section>
      <section aria-labelledby="names-heading">
        <h2 id="names-heading">Event-name mapping</h2>
        {Object.keys(report.eventNamesByPlatform).length === 0 && <p>No connectors.</p>}
        {Object.entries(report.eventNamesByPlatform).map(([platform, names]) => (
          <PlatformEventNames key={platform} names={names} />
        ))}
      </section>
      <section aria-labelledby="series-heading">
        <h2 id="series-heading">Over time</h2>
        {report.series.length === 0 ? (
          <p>No events in this period.</p>
        ) : (
          <figure>
            <Suspense fallback={<p>Loading the chart…</p>}>
              <TrafficChart series={report.series} from={report.from} to={report.to} label="Events received, delivered and rejected, and ttclid coverage, over the period" />
            </Suspense>
            <figcaption>Events received, delivered and rejected per interval, and the share with a ttclid.</figcaption>
            <details>
              <summary>The numbers</summary>
              <DataTable
                rows={report.series}
                rowKey={(p) => p.bucket}
                columns={[
                  { header: 'From', cell: (p) => dateTime(p.bucket) },
                  { header: 'Received', cell: (p) => count(p.received) },
                  { header: 'Delivered', cell: (p) => count(p.delivered) },
                  { header: 'Rejected', cell: (p) => count(p.rejected) },
                  { header: 'ttclid', cell: (p) => percent(p.ttclidCoverage) },
                ]}
              />
            </details>
          </figure>
        )}
      </section>
    </>
  );
}

type DeliveryLog = Schema<'DeliveryLogResponse'>;

function logColumns(connectors: Schema<'ConnectorView'>[]): Array<Column<DeliveryLog>> {
  const [at, ...answer] = platformAnswerColumns((log: DeliveryLog) => ({ ...log, at: log.createdAt }));
  return [
    at,
    { header: 'Connector', cell: (log) => connectors.find((c) => c.id === log.connectorId)?.name ?? 'deleted' },
    { header: 'Events', cell: (log) => count(log.events) },
    ...answer,
  ];
}

function DeliveryLogs({ workspaceId, connectorId, connectors }: { workspaceId: string; connectorId: string; connectors: Schema<'ConnectorView'>[] }) {
  const logs = useApiQuery(
    `logs:${workspaceId}:${connectorId}`,
    () =>
      call(
        api.GET('/v1/workspaces/{workspaceId}/delivery-logs', {
          params: { path: { workspaceId }, query: { limit: 25, connectorId: connectorId || undefined } },
        }),
      ),
    { refreshMs: 10_000 },
  );
  return (
    <section aria-labelledby="logs-heading">
      <h2 id="logs-heading">Delivery logs</h2>
      <p>Each request TrackLayer made to a platform, newest first, with the platform&rsquo;s answer.</p>
      <ErrorAlert error={logs.error} />
      {logs.data && logs.data.length === 0 && <p>No requests yet.</p>}
      {logs.data && logs.data.length > 0 && (
        <DataTable rows={logs.data} rowKey={(log) => log.id} columns={logColumns(connectors)} />
      )}
    </section>
  );
}

const ALERT_TITLES: Record<Schema<'AlertView'>['kind'], string> = {
  connector_invalid: 'Connector invalid',
  no_traffic: 'No traffic',
  rejection_rate: 'Rejection rate',
};
const WEBHOOK_WORDS: Record<Schema<'AlertView'>['webhook']['status'], string> = {
  pending: 'webhook pending',
  sent: 'webhook sent',
  failed: 'webhook failed',
  none: 'no webhook',
};

function Alerts({ workspaceId }: { workspaceId: string }) {
  const alerts = useApiQuery(
    `alerts:${workspaceId}`,
    () => call(api.GET('/v1/workspaces/{workspaceId}/alerts', { params: { path: { workspaceId }, query: { limit: 20 } } })),
    { refreshMs: 30_000 },
  );
  return (
    <section aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Alerts</h2>
      <ErrorAlert error={alerts.error} />
      {alerts.data && alerts.data.length === 0 && <p>No alerts.</p>}
      <ul className="checks">
        {alerts.data?.map((alert) => (
          <li key={alert.id}>
            <StatusBadge tone={alert.status === 'open' ? 'fail' : 'ok'}>{alert.status === 'open' ? 'Open' : 'Resolved'}</StatusBadge>{' '}
            <strong>{ALERT_TITLES[alert.kind]}</strong> ({dateTime(alert.raisedAt)}, {WEBHOOK_WORDS[alert.webhook.status]}): {alert.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function HealthPage() {
  const workspace = useWorkspace();
  const path = { workspaceId: workspace.id };
  const [period, setPeriod] = useState<Period>('24h');
  const [connectorId, setConnectorId] = useState('');
  const connectors = useApiQuery(`connectors:${workspace.id}`, () => call(api.GET('/v1/workspaces/{workspaceId}/connectors', { params: { path } })));
  const report = useApiQuery(
    `metrics:${workspace.id}:${period}:${connectorId}`,
    () => {
      const to = new Date(Date.now() + 60_000);
      const from = new Date(to.getTime() - PERIOD_MS[period]);
      return call(
        api.GET('/v1/workspaces/{workspaceId}/metrics', {
          params: { path, query: { from: from.toISOString(), to: to.toISOString(), connectorId: connectorId || undefined } },
        }),
      );
    },
    { refreshMs: 10_000 },
  );
  const verdict = report.data && healthVerdict(report.data.checks);

  return (
    <>
      <h1>Health</h1>
      <p>The first production day: watch rejection rates, click-ID coverage and event-name mapping. TrackLayer checks them against its limits.</p>
      <div className="row card">
        <SelectField
          label="Period"
          value={period}
          onChange={setPeriod}
          options={[
            { value: '1h', label: 'Last hour' },
            { value: '24h', label: 'Last 24 hours' },
            { value: '7d', label: 'Last 7 days' },
          ]}
        />
        <SelectField
          label="Connector"
          value={connectorId}
          onChange={setConnectorId}
          options={[{ value: '', label: 'All connectors' }, ...(connectors.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
        />
      </div>
      <ErrorAlert error={report.error ?? connectors.error} />
      {report.data && verdict && (
        <>
          <section aria-labelledby="checks-heading">
            <h2 id="checks-heading">Checks</h2>
            <p className={`verdict verdict-${verdict.status}`}>{verdict.words}</p>
            <ul className="checks">
              {report.data.checks.map((check) => (
                <li key={`${check.name}:${check.connectorId ?? ''}`}>
                  <StatusBadge tone={CHECK_TONES[check.status]}>{CHECK_WORDS[check.status]}</StatusBadge> <strong>{checkTitle(check.name)}</strong>: {check.message}
                </li>
              ))}
            </ul>
          </section>
          <Figures report={report.data} />
        </>
      )}
      <Alerts workspaceId={workspace.id} />
      <DeliveryLogs workspaceId={workspace.id} connectorId={connectorId} connectors={connectors.data ?? []} />
    </>
  );
}
