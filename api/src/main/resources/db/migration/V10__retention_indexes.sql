-- The retention purge (sms.retention.*) deletes rows by age in batches, oldest first: one index per table on the age.
CREATE INDEX messages_accepted_at ON messages (accepted_at);
CREATE INDEX mo_messages_received_at ON mo_messages (received_at);
CREATE INDEX callbacks_created_at ON callbacks (created_at);
CREATE INDEX callback_attempts_at ON callback_attempts (at);
