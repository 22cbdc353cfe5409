-- Issue 18: complaints, suspensions, the audit trail, and index-friendly search of the compliance log.

-- Complaints about messages a phone received (forwarded by a carrier or the regulator, or a reply with a
-- complaint word), each attributed to at most one message sent to that phone shortly before: its app,
-- signature and template then carry the complaint.
CREATE TABLE complaints (
    id           bigserial    PRIMARY KEY,
    phone        varchar(20)  NOT NULL,
    complained_at timestamptz NOT NULL,
    source       varchar(16)  NOT NULL,
    carrier_ref  varchar(64),
    excerpt      varchar(500),
    message_id   varchar(26),
    app_id       varchar(32),
    signature    varchar(12),
    template_id  varchar(32),
    mo_id        bigint       UNIQUE,
    created_by   varchar(40)  NOT NULL,
    recorded_at  timestamptz  NOT NULL DEFAULT now()
);
-- a carrier forwarding the same complaint twice records it once
CREATE UNIQUE INDEX complaints_carrier_ref ON complaints (source, carrier_ref) WHERE carrier_ref IS NOT NULL;
CREATE INDEX complaints_app_time ON complaints (app_id, complained_at DESC);
CREATE INDEX complaints_time ON complaints (complained_at DESC, id DESC);
-- complaints name a phone, not an app: the messages sent to it in the matching window
CREATE INDEX messages_phone_time ON messages (phone, accepted_at DESC);

-- A suspended app (signature '') or signature of an app: its sends answer 403 SENDER_SUSPENDED until lifted.
CREATE TABLE suspensions (
    id           bigserial    PRIMARY KEY,
    app_id       varchar(32)  NOT NULL REFERENCES apps (id),
    signature    varchar(12)  NOT NULL DEFAULT '',
    reason       varchar(500) NOT NULL,
    complaints   int,
    sent         bigint,
    created_by   varchar(40)  NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    lifted_by    varchar(40),
    lifted_at    timestamptz,
    lift_reason  varchar(500)
);
CREATE UNIQUE INDEX suspensions_active ON suspensions (app_id, signature) WHERE lifted_at IS NULL;
CREATE INDEX suspensions_time ON suspensions (created_at DESC);

-- The audit trail: who did what to which subject, with the state before and after. Append-only: the
-- triggers below refuse every UPDATE, DELETE and TRUNCATE, whoever tries.
CREATE TABLE audit_log (
    id           bigserial    PRIMARY KEY,
    at           timestamptz  NOT NULL DEFAULT clock_timestamp(),
    actor        varchar(40)  NOT NULL,
    action       varchar(32)  NOT NULL,
    subject_type varchar(16)  NOT NULL,
    subject_id   varchar(80)  NOT NULL,
    app_id       varchar(32),
    before       jsonb,
    after        jsonb,
    comment      varchar(500)
);
CREATE INDEX audit_log_time ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, at DESC);
CREATE INDEX audit_log_app ON audit_log (app_id, at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The allow-list gets an id, so reviewers can list and remove single entries.
ALTER TABLE filter_allowlist ADD COLUMN id bigserial UNIQUE;

-- Suspensions and the allow-list are cached per instance like the other reference data (V6).
CREATE OR REPLACE FUNCTION notify_reference_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    keys text := '';
    k    text;
    r    jsonb;
BEGIN
    -- the old row's keys too: an update may move a row to another app
    FOREACH r IN ARRAY ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
                             CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END] LOOP
        CONTINUE WHEN r IS NULL;
        k := CASE TG_TABLE_NAME
            WHEN 'apps' THEN 'app:' || (r ->> 'id')
            WHEN 'api_keys' THEN 'key:' || (r ->> 'key_id')
            WHEN 'signatures' THEN 'sigs:' || (r ->> 'app_id')
            WHEN 'templates' THEN 'tpl:' || (r ->> 'id') || ' vtpl:' || (r ->> 'app_id')
            WHEN 'unsubscribes' THEN 'unsub:' || (r ->> 'app_id')
            WHEN 'suspensions' THEN 'susp:' || (r ->> 'app_id')
            WHEN 'filter_allowlist' THEN 'allow:' || (r ->> 'app_id')
        END;
        IF position(k IN keys) = 0 THEN
            keys := keys || ' ' || k;
        END IF;
    END LOOP;
    PERFORM pg_notify('sms_reference', btrim(keys));
    RETURN NULL;
END $$;

CREATE TRIGGER suspensions_reference AFTER INSERT OR UPDATE OR DELETE ON suspensions
    FOR EACH ROW EXECUTE FUNCTION notify_reference_change();
CREATE TRIGGER suspensions_reference_truncate AFTER TRUNCATE ON suspensions
    FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_truncate();
CREATE TRIGGER filter_allowlist_reference AFTER INSERT OR UPDATE OR DELETE ON filter_allowlist
    FOR EACH ROW EXECUTE FUNCTION notify_reference_change();
CREATE TRIGGER filter_allowlist_reference_truncate AFTER TRUNCATE ON filter_allowlist
    FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_truncate();

-- Text search of the compliance log by trigrams (ILIKE '%...%' uses the index). The extension lives in
-- public, whatever schema migrates, so that one database holds it once.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
DO $$
DECLARE
    home text;
BEGIN
    SELECT n.nspname INTO home FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX blocked_messages_text_trgm ON blocked_messages USING gin (text %I.gin_trgm_ops)', home);
END $$;
