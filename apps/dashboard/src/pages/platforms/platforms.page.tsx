import { api, call } from '../../api/api-client';
import { ErrorAlert } from '../../components/error-alert.component';
import { useApiQuery } from '../../data/use-api-query';
import { canManage } from '../../model/roles';
import { useWorkspace } from '../../session/workspace.context';
import { ConnectForm } from './connect-form.component';
import { ConnectorCard } from './connector-card.component';

export function PlatformsPage() {
  const workspace = useWorkspace();
  const platforms = useApiQuery('platforms', () => call(api.GET('/v1/platforms')));
  const connectors = useApiQuery(`connectors:${workspace.id}`, () =>
    call(api.GET('/v1/workspaces/{workspaceId}/connectors', { params: { path: { workspaceId: workspace.id } } })),
  );
  const reload = () => void connectors.reload();

  return (
    <>
      <h1>Platforms</h1>
      <p>
        Connect the ad platforms TrackLayer sends your events to. Connect before sending test traffic: TrackLayer validates the credentials first.
      </p>
      <ErrorAlert error={platforms.error ?? connectors.error} />

      <section aria-labelledby="connected-heading">
        <h2 id="connected-heading">Connected</h2>
        {connectors.data && connectors.data.length === 0 && <p>Nothing connected yet.</p>}
        {connectors.data?.map((connector) => {
          const platform = platforms.data?.find((p) => p.id === connector.platform);
          return platform ? <ConnectorCard key={`${connector.id}:${connector.updatedAt}`} connector={connector} platform={platform} onChanged={reload} /> : null;
        })}
      </section>

      <section aria-labelledby="supported-heading">
        <h2 id="supported-heading">Supported platforms</h2>
        <ul className="platform-list">
          {platforms.data?.map((platform) => (
            <li key={platform.id}>
              <strong>{platform.name}</strong>: matches on {platform.clickIds.join(', ')}, {platform.eventNames.length} standard event names.
            </li>
          ))}
        </ul>
        {!canManage(workspace.role) && <p>Your role ({workspace.role}) can see connectors but not connect or change them; ask an admin.</p>}
      </section>
      {canManage(workspace.role) && platforms.data?.map((platform) => <ConnectForm key={platform.id} platform={platform} workspaceId={workspace.id} onConnected={reload} />)}
    </>
  );
}
