-- The compliance log: every send the content filter blocked, with the verdict, for reviewers.
CREATE TABLE blocked_messages (
    id             bigserial    PRIMARY KEY,
    event_id       varchar(40)  NOT NULL UNIQUE,
    app_id         varchar(32)  NOT NULL,
    type           varchar(16),
    masked_phones  text[]       NOT NULL,
    text           text         NOT NULL,
    category       varchar(16)  NOT NULL,
    rule_ids       text[]       NOT NULL,
    spans          jsonb        NOT NULL,
    reason         varchar(500) NOT NULL,
    template_id    varchar(32),
    rules_version  varchar(40),
    at             timestamptz  NOT NULL,
    review_state   varchar(16)  NOT NULL DEFAULT 'UNREVIEWED',
    review_comment varchar(500),
    reviewed_by    varchar(40),
    reviewed_at    timestamptz
);
CREATE INDEX blocked_messages_at ON blocked_messages (at DESC, id DESC);
CREATE INDEX blocked_messages_app ON blocked_messages (app_id, at DESC);
CREATE INDEX blocked_messages_rules ON blocked_messages USING gin (rule_ids);

-- Texts a reviewer judged a false positive: the same app may send them again (per template if any).
CREATE TABLE filter_allowlist (
    app_id      varchar(32)  NOT NULL,
    template_id varchar(32)  NOT NULL DEFAULT '',
    text_hash   varchar(64)  NOT NULL,
    blocked_id  bigint       REFERENCES blocked_messages (id),
    created_by  varchar(40)  NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, template_id, text_hash)
);
