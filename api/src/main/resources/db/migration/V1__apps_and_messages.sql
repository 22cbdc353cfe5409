-- Apps and their API keys. Key secrets are needed to verify HMAC signatures, so they are stored
-- encrypted (AES-GCM with the master key from configuration), never in clear and never hashed.
CREATE TABLE apps (
    id          varchar(32)  PRIMARY KEY,
    name        varchar(100) NOT NULL,
    extension   varchar(8)   NOT NULL DEFAULT '',
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX apps_extension ON apps (extension) WHERE extension <> '';

CREATE TABLE api_keys (
    key_id      varchar(40)  PRIMARY KEY,
    app_id      varchar(32)  REFERENCES apps (id),
    role        varchar(16)  NOT NULL,
    secret_enc  bytea        NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE INDEX api_keys_app ON api_keys (app_id);

-- One row per message to one phone; the status is the aggregate of its events.
CREATE TABLE messages (
    id          varchar(26)  PRIMARY KEY,
    app_id      varchar(32)  NOT NULL REFERENCES apps (id),
    phone       varchar(20)  NOT NULL,
    type        varchar(16)  NOT NULL,
    text        text         NOT NULL,
    source_addr varchar(21)  NOT NULL,
    carrier     varchar(8),
    segments    int          NOT NULL,
    status      varchar(16)  NOT NULL,
    raw_stat    varchar(32),
    detail      varchar(200),
    client_ref  varchar(64),
    accepted_at timestamptz  NOT NULL,
    expires_at  timestamptz,
    updated_at  timestamptz  NOT NULL
);
CREATE INDEX messages_app_time ON messages (app_id, accepted_at DESC);
CREATE INDEX messages_app_phone ON messages (app_id, phone, accepted_at DESC);

-- The timeline: every status event as received from sms.status; redelivered events are ignored.
CREATE TABLE message_events (
    seq             bigserial    PRIMARY KEY,
    message_id      varchar(26)  NOT NULL,
    segment         int          NOT NULL,
    status          varchar(16)  NOT NULL,
    carrier         varchar(8),
    link_id         varchar(41),
    carrier_msg_id  varchar(64),
    raw_stat        varchar(32),
    detail          varchar(200),
    at              timestamptz  NOT NULL,
    recorded_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX message_events_once
    ON message_events (message_id, segment, status, coalesce(carrier_msg_id, ''), coalesce(raw_stat, ''));
