-- App settings: what an app may send and how much.
ALTER TABLE apps
    ADD COLUMN text_allowed      boolean      NOT NULL DEFAULT false,
    ADD COLUMN daily_quota       int          NOT NULL DEFAULT 10000,
    ADD COLUMN verify_per_minute int          NOT NULL DEFAULT 1,
    ADD COLUMN verify_per_hour   int          NOT NULL DEFAULT 5,
    ADD COLUMN verify_per_day    int          NOT NULL DEFAULT 10,
    ADD COLUMN code_length       int          NOT NULL DEFAULT 6,
    ADD COLUMN code_alphabet     varchar(64)  NOT NULL DEFAULT '0123456789',
    ADD COLUMN code_ttl_seconds  int          NOT NULL DEFAULT 300,
    ADD COLUMN callback_url      varchar(500),
    ADD COLUMN callback_secret   bytea,
    ADD COLUMN link_domains      text[]       NOT NULL DEFAULT '{}';

-- Signatures 【name】 and templates with ${variables}: PENDING until a compliance reviewer decides.
CREATE TABLE signatures (
    id          varchar(32)  PRIMARY KEY,
    app_id      varchar(32)  NOT NULL REFERENCES apps (id),
    name        varchar(12)  NOT NULL,
    status      varchar(16)  NOT NULL DEFAULT 'PENDING',
    review_note varchar(500),
    reviewed_by varchar(40),
    reviewed_at timestamptz,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (app_id, name)
);

CREATE TABLE templates (
    id          varchar(32)  PRIMARY KEY,
    app_id      varchar(32)  NOT NULL REFERENCES apps (id),
    name        varchar(100) NOT NULL,
    type        varchar(16)  NOT NULL,
    content     varchar(500) NOT NULL,
    variables   text[]       NOT NULL,
    status      varchar(16)  NOT NULL DEFAULT 'PENDING',
    review_note varchar(500),
    reviewed_by varchar(40),
    reviewed_at timestamptz,
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX templates_app ON templates (app_id);
CREATE INDEX templates_pending ON templates (created_at) WHERE status = 'PENDING';

ALTER TABLE messages
    ADD COLUMN template_id varchar(32),
    ADD COLUMN signature   varchar(12),
    ADD COLUMN send_at     timestamptz;
CREATE INDEX messages_app_client_ref ON messages (app_id, client_ref, accepted_at DESC) WHERE client_ref <> '';
CREATE INDEX messages_app_status ON messages (app_id, status, accepted_at DESC);

-- Replies from phones, routed to the app by the extension of the number they were sent to.
CREATE TABLE mo_messages (
    id          bigserial    PRIMARY KEY,
    app_id      varchar(32)  REFERENCES apps (id),
    phone       varchar(20)  NOT NULL,
    destination varchar(21)  NOT NULL,
    text        text         NOT NULL,
    carrier     varchar(8),
    received_at timestamptz  NOT NULL,
    recorded_at timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (phone, destination, received_at, text)
);

-- Phones that answered an unsubscribe word: no NOTIFICATION or REMINDER from that app any more.
CREATE TABLE unsubscribes (
    app_id      varchar(32)  NOT NULL REFERENCES apps (id),
    phone       varchar(20)  NOT NULL,
    keyword     varchar(16)  NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, phone)
);

-- Outbox of callbacks to apps: status reports and MO, retried with back-off for up to 24 h.
CREATE TABLE callbacks (
    id              bigserial    PRIMARY KEY,
    app_id          varchar(32)  NOT NULL REFERENCES apps (id),
    kind            varchar(8)   NOT NULL,
    payload         jsonb        NOT NULL,
    state           varchar(16)  NOT NULL DEFAULT 'PENDING',
    attempts        int          NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL DEFAULT now(),
    last_status     int,
    last_error      varchar(200),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    delivered_at    timestamptz
);
CREATE INDEX callbacks_due ON callbacks (next_attempt_at) WHERE state = 'PENDING';

CREATE TABLE callback_attempts (
    id           bigserial    PRIMARY KEY,
    callback_ids bigint[]     NOT NULL,
    app_id       varchar(32)  NOT NULL,
    url          varchar(500) NOT NULL,
    status       int,
    error        varchar(200),
    duration_ms  int          NOT NULL,
    at           timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX callback_attempts_app ON callback_attempts (app_id, at DESC);
