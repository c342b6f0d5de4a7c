CREATE FUNCTION public.delete_workspace_ingest_state() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
      BEGIN
        DELETE FROM click_ids WHERE workspace_id = OLD.id;
        DELETE FROM event_dedup WHERE workspace_id = OLD.id;
        RETURN OLD;
      END $$;
CREATE TABLE public.alert_webhooks (
    workspace_id uuid NOT NULL,
    url text NOT NULL,
    secret_sealed text NOT NULL,
    secret_key_id text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
CREATE TABLE public.alerts (
    workspace_id uuid NOT NULL,
    id uuid NOT NULL,
    kind text NOT NULL,
    subject text NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    message text NOT NULL,
    details jsonb DEFAULT '{}'::jsonb NOT NULL,
    raised_at timestamp with time zone DEFAULT now() NOT NULL,
    resolved_at timestamp with time zone,
    webhook_status text NOT NULL,
    webhook_attempts integer DEFAULT 0 NOT NULL,
    webhook_next_at timestamp with time zone,
    webhook_sent_at timestamp with time zone,
    webhook_last_error text,
    CONSTRAINT alerts_kind_check CHECK ((kind = ANY (ARRAY['connector_invalid'::text, 'no_traffic'::text, 'rejection_rate'::text]))),
    CONSTRAINT alerts_status_check CHECK ((status = ANY (ARRAY['open'::text, 'resolved'::text]))),
    CONSTRAINT alerts_webhook_status_check CHECK ((webhook_status = ANY (ARRAY['pending'::text, 'sent'::text, 'failed'::text, 'none'::text])))
);
CREATE TABLE public.click_ids (
    workspace_id uuid NOT NULL,
    identity text NOT NULL,
    ids jsonb NOT NULL,
    oldest_captured_at timestamp with time zone NOT NULL
);
CREATE TABLE public.connector_cursors (
    workspace_id uuid NOT NULL,
    connector_id uuid NOT NULL,
    tx xid8 NOT NULL,
    event_ref uuid NOT NULL,
    in_flight xid8[] DEFAULT '{}'::xid8[] NOT NULL
);
CREATE TABLE public.connectors (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    platform text NOT NULL,
    name text NOT NULL,
    pixel_code text NOT NULL,
    access_token_sealed text NOT NULL,
    access_token_key_id text NOT NULL,
    access_token_hint text NOT NULL,
    test_event_code text,
    status text NOT NULL,
    status_reason text,
    event_mapping jsonb DEFAULT '{}'::jsonb NOT NULL,
    options jsonb NOT NULL,
    last_validation jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT connectors_platform_check CHECK ((platform ~ '^[a-z][a-z0-9_]{1,31}$'::text)),
    CONSTRAINT connectors_status_check CHECK ((status = ANY (ARRAY['active'::text, 'invalid'::text])))
);
CREATE TABLE public.deliveries (
    id bigint NOT NULL,
    workspace_id uuid NOT NULL,
    connector_id uuid NOT NULL,
    event_ref uuid NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone DEFAULT now() NOT NULL,
    platform_code integer,
    last_error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    delivered_at timestamp with time zone,
    retry_since timestamp with time zone DEFAULT now() NOT NULL,
    event_received_at timestamp with time zone NOT NULL,
    CONSTRAINT deliveries_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'delivered'::text, 'rejected'::text, 'failed'::text, 'skipped'::text, 'in_doubt'::text])))
)
PARTITION BY RANGE (event_received_at);
ALTER TABLE public.deliveries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.deliveries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.delivery_logs (
    id bigint NOT NULL,
    workspace_id uuid NOT NULL,
    connector_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    events integer NOT NULL,
    http_status integer,
    platform_code integer,
    platform_message text NOT NULL,
    request_id text,
    latency_ms integer,
    outcome text NOT NULL,
    attempt integer NOT NULL,
    request_body jsonb,
    request_key uuid,
    delivery_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    resent_events integer DEFAULT 0 NOT NULL,
    settled_at timestamp with time zone,
    CONSTRAINT delivery_logs_outcome_check CHECK ((outcome = ANY (ARRAY['delivered'::text, 'retry'::text, 'rejected'::text, 'failed'::text, 'credentials_invalid'::text, 'sending'::text, 'in_doubt'::text])))
)
PARTITION BY RANGE (created_at);
ALTER TABLE public.delivery_logs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.delivery_logs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.event_dedup (
    workspace_id uuid NOT NULL,
    event_id text NOT NULL,
    event_ref uuid NOT NULL,
    first_seen_at timestamp with time zone DEFAULT now() NOT NULL
);
CREATE TABLE public.events (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    event_id text NOT NULL,
    event_name text NOT NULL,
    event_time timestamp with time zone NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    ingest_key_id uuid,
    payload jsonb NOT NULL,
    ttclid_restored boolean DEFAULT false NOT NULL,
    ttp_restored boolean DEFAULT false NOT NULL,
    tx xid8 DEFAULT pg_current_xact_id() NOT NULL
)
PARTITION BY RANGE (received_at);
CREATE TABLE public.ingest_keys (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    workspace_id uuid NOT NULL,
    name text NOT NULL,
    prefix text NOT NULL,
    key_hash text NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone
);
CREATE TABLE public.invitations (
    workspace_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email text NOT NULL,
    role text NOT NULL,
    token_hash text NOT NULL,
    invited_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    accepted_at timestamp with time zone,
    accepted_by uuid,
    revoked_at timestamp with time zone,
    CONSTRAINT invitations_email_check CHECK ((email = lower(email))),
    CONSTRAINT invitations_role_check CHECK ((role = ANY (ARRAY['owner'::text, 'admin'::text, 'member'::text, 'viewer'::text])))
);
CREATE TABLE public.memberships (
    workspace_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT memberships_role_check CHECK ((role = ANY (ARRAY['owner'::text, 'admin'::text, 'member'::text, 'viewer'::text])))
);
CREATE TABLE public.metric_counts (
    workspace_id uuid NOT NULL,
    granularity text NOT NULL,
    bucket timestamp with time zone NOT NULL,
    connector_id uuid NOT NULL,
    metric text NOT NULL,
    dim1 text DEFAULT ''::text NOT NULL,
    dim2 text DEFAULT ''::text NOT NULL,
    shard smallint DEFAULT 0 NOT NULL,
    value bigint NOT NULL,
    CONSTRAINT metric_counts_granularity_check CHECK ((granularity = ANY (ARRAY['minute'::text, 'hour'::text, 'day'::text])))
);
CREATE TABLE public.metric_increments (
    workspace_id uuid NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    increments jsonb NOT NULL
);
CREATE TABLE public.migrations (
    id integer NOT NULL,
    "timestamp" bigint NOT NULL,
    name character varying NOT NULL
);
CREATE SEQUENCE public.migrations_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.migrations_id_seq OWNED BY public.migrations.id;
CREATE TABLE public.raw_events (
    workspace_id uuid NOT NULL,
    id uuid NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    status text NOT NULL,
    event_name text,
    event_id text,
    original_ref uuid,
    reason text,
    errors jsonb,
    raw jsonb,
    CONSTRAINT raw_events_status_check CHECK ((status = ANY (ARRAY['accepted'::text, 'duplicate'::text, 'rejected'::text])))
)
PARTITION BY RANGE (received_at);
CREATE TABLE public.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email text NOT NULL,
    password_hash text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT users_email_lowercase CHECK ((email = lower(email)))
);
CREATE TABLE public.workspaces (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL
);
ALTER TABLE ONLY public.migrations ALTER COLUMN id SET DEFAULT nextval('public.migrations_id_seq'::regclass);
ALTER TABLE ONLY public.migrations
    ADD CONSTRAINT "PK_8c82d7f526340ab734260ea46be" PRIMARY KEY (id);
ALTER TABLE ONLY public.alert_webhooks
    ADD CONSTRAINT alert_webhooks_pkey PRIMARY KEY (workspace_id);
ALTER TABLE ONLY public.alerts
    ADD CONSTRAINT alerts_pkey PRIMARY KEY (workspace_id, id);
ALTER TABLE ONLY public.click_ids
    ADD CONSTRAINT click_ids_pkey PRIMARY KEY (workspace_id, identity);
ALTER TABLE ONLY public.connector_cursors
    ADD CONSTRAINT connector_cursors_pkey PRIMARY KEY (workspace_id, connector_id);
ALTER TABLE ONLY public.connectors
    ADD CONSTRAINT connectors_pkey PRIMARY KEY (workspace_id, id);
ALTER TABLE ONLY public.deliveries
    ADD CONSTRAINT deliveries_event_connector_key UNIQUE (workspace_id, event_ref, connector_id, event_received_at);
ALTER TABLE ONLY public.deliveries
    ADD CONSTRAINT deliveries_pkey PRIMARY KEY (workspace_id, id, event_received_at);
ALTER TABLE ONLY public.delivery_logs
    ADD CONSTRAINT delivery_logs_pkey PRIMARY KEY (workspace_id, id, created_at);
ALTER TABLE ONLY public.event_dedup
    ADD CONSTRAINT event_dedup_pkey PRIMARY KEY (event_id, workspace_id);
ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (workspace_id, id, received_at);
ALTER TABLE ONLY public.ingest_keys
    ADD CONSTRAINT ingest_keys_pkey PRIMARY KEY (workspace_id, id);
ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_pkey PRIMARY KEY (workspace_id, id);
ALTER TABLE ONLY public.memberships
    ADD CONSTRAINT memberships_pkey PRIMARY KEY (workspace_id, user_id);
ALTER TABLE ONLY public.metric_counts
    ADD CONSTRAINT metric_counts_pkey PRIMARY KEY (workspace_id, granularity, bucket, connector_id, metric, dim1, dim2, shard);
ALTER TABLE ONLY public.raw_events
    ADD CONSTRAINT raw_events_pkey PRIMARY KEY (workspace_id, id, received_at);
ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.workspaces
    ADD CONSTRAINT workspaces_pkey PRIMARY KEY (id);
CREATE INDEX alerts_listed_idx ON public.alerts USING btree (workspace_id, raised_at DESC, id);
CREATE UNIQUE INDEX alerts_open_idx ON public.alerts USING btree (workspace_id, kind, subject) WHERE (status = 'open'::text);
CREATE INDEX alerts_resolved_idx ON public.alerts USING btree (resolved_at) WHERE (status = 'resolved'::text);
CREATE INDEX alerts_webhook_due_idx ON public.alerts USING btree (webhook_next_at) WHERE (webhook_status = 'pending'::text);
CREATE INDEX click_ids_oldest_captured_at_idx ON public.click_ids USING btree (oldest_captured_at);
CREATE INDEX connectors_access_token_key_id_idx ON public.connectors USING btree (access_token_key_id);
CREATE INDEX connectors_workspace_id_idx ON public.connectors USING btree (workspace_id, created_at);
CREATE INDEX deliveries_in_doubt_idx ON ONLY public.deliveries USING btree (workspace_id) WHERE (status = 'in_doubt'::text);
CREATE INDEX deliveries_pending_idx ON ONLY public.deliveries USING btree (connector_id, next_attempt_at) WHERE (status = 'pending'::text);
CREATE INDEX delivery_logs_unsettled_idx ON ONLY public.delivery_logs USING btree (workspace_id, connector_id, created_at) WHERE (outcome = ANY (ARRAY['sending'::text, 'in_doubt'::text]));
CREATE INDEX delivery_logs_workspace_idx ON ONLY public.delivery_logs USING btree (workspace_id, connector_id, created_at DESC);
CREATE INDEX event_dedup_expiry_idx ON public.event_dedup USING btree (workspace_id, first_seen_at);
CREATE INDEX events_workspace_received_idx ON ONLY public.events USING btree (workspace_id, received_at DESC);
CREATE INDEX events_workspace_tx_idx ON ONLY public.events USING btree (workspace_id, tx, id);
CREATE UNIQUE INDEX ingest_keys_key_hash_key ON public.ingest_keys USING btree (key_hash);
CREATE INDEX ingest_keys_workspace_id_idx ON public.ingest_keys USING btree (workspace_id, created_at);
CREATE INDEX invitations_open_email_idx ON public.invitations USING btree (email) WHERE ((accepted_at IS NULL) AND (revoked_at IS NULL));
CREATE UNIQUE INDEX invitations_open_key ON public.invitations USING btree (workspace_id, email) WHERE ((accepted_at IS NULL) AND (revoked_at IS NULL));
CREATE UNIQUE INDEX invitations_token_hash_key ON public.invitations USING btree (token_hash);
CREATE INDEX memberships_user_id_idx ON public.memberships USING btree (user_id);
CREATE INDEX metric_increments_workspace_idx ON public.metric_increments USING btree (workspace_id, recorded_at);
CREATE INDEX raw_events_received_idx ON ONLY public.raw_events USING btree (received_at);
CREATE INDEX raw_events_refused_idx ON ONLY public.raw_events USING btree (workspace_id, received_at DESC, id) WHERE (status <> 'accepted'::text);
CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email);
CREATE UNIQUE INDEX workspaces_slug_key ON public.workspaces USING btree (slug);
CREATE TRIGGER workspaces_delete_ingest_state AFTER DELETE ON public.workspaces FOR EACH ROW EXECUTE FUNCTION public.delete_workspace_ingest_state();
ALTER TABLE ONLY public.alert_webhooks
    ADD CONSTRAINT alert_webhooks_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.alerts
    ADD CONSTRAINT alerts_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.connector_cursors
    ADD CONSTRAINT connector_cursors_workspace_id_connector_id_fkey FOREIGN KEY (workspace_id, connector_id) REFERENCES public.connectors(workspace_id, id) ON DELETE CASCADE;
ALTER TABLE ONLY public.connectors
    ADD CONSTRAINT connectors_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;
ALTER TABLE public.deliveries
    ADD CONSTRAINT deliveries_connector_id_fkey FOREIGN KEY (workspace_id, connector_id) REFERENCES public.connectors(workspace_id, id) ON DELETE CASCADE;
ALTER TABLE public.delivery_logs
    ADD CONSTRAINT delivery_logs_connector_id_fkey FOREIGN KEY (workspace_id, connector_id) REFERENCES public.connectors(workspace_id, id) ON DELETE CASCADE;
ALTER TABLE public.delivery_logs
    ADD CONSTRAINT delivery_logs_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;
ALTER TABLE public.events
    ADD CONSTRAINT events_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.ingest_keys
    ADD CONSTRAINT ingest_keys_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.ingest_keys
    ADD CONSTRAINT ingest_keys_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_accepted_by_fkey FOREIGN KEY (accepted_by) REFERENCES public.users(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES public.users(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.memberships
    ADD CONSTRAINT memberships_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.memberships
    ADD CONSTRAINT memberships_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.metric_counts
    ADD CONSTRAINT metric_counts_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.metric_increments
    ADD CONSTRAINT metric_increments_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;
ALTER TABLE public.raw_events
    ADD CONSTRAINT raw_events_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;
