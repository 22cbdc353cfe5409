-- The content filter's marketing model (issue 15): which model version judged a blocked send and the
-- calibrated marketing probability it gave, next to the rules version. Null for rules-only verdicts
-- and for entries logged before the model existed.
ALTER TABLE blocked_messages
    ADD COLUMN model_version   varchar(60),
    ADD COLUMN marketing_score real;
