-- Every change of the reference data the api caches notifies channel sms_reference with the cache keys
-- it touches (space-separated), inside the changing transaction: delivered to every api instance on
-- commit, whoever made the change (see ReferenceChanges).
CREATE FUNCTION notify_reference_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
        END;
        IF position(k IN keys) = 0 THEN
            keys := keys || ' ' || k;
        END IF;
    END LOOP;
    PERFORM pg_notify('sms_reference', btrim(keys));
    RETURN NULL;
END $$;

CREATE FUNCTION notify_reference_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('sms_reference', '*');
    RETURN NULL;
END $$;

CREATE TRIGGER apps_reference AFTER INSERT OR UPDATE OR DELETE ON apps
    FOR EACH ROW EXECUTE FUNCTION notify_reference_change();
CREATE TRIGGER apps_reference_truncate AFTER TRUNCATE ON apps
    FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_truncate();
CREATE TRIGGER api_keys_reference AFTER INSERT OR UPDATE OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION notify_reference_change();
CREATE TRIGGER api_keys_reference_truncate AFTER TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_truncate();
CREATE TRIGGER signatures_reference AFTER INSERT OR UPDATE OR DELETE ON signatures
    FOR EACH ROW EXECUTE FUNCTION notify_reference_change();
CREATE TRIGGER signatures_reference_truncate AFTER TRUNCATE ON signatures
    FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_truncate();
CREATE TRIGGER templates_reference AFTER INSERT OR UPDATE OR DELETE ON templates
    FOR EACH ROW EXECUTE FUNCTION notify_reference_change();
CREATE TRIGGER templates_reference_truncate AFTER TRUNCATE ON templates
    FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_truncate();
CREATE TRIGGER unsubscribes_reference AFTER INSERT OR UPDATE OR DELETE ON unsubscribes
    FOR EACH ROW EXECUTE FUNCTION notify_reference_change();
CREATE TRIGGER unsubscribes_reference_truncate AFTER TRUNCATE ON unsubscribes
    FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_truncate();
