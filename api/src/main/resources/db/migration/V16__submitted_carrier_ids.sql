-- Finds a submitted part by the carrier's id in its canonical form (upper case, no leading zeros), for receipts
-- the gateway could not match (sms.receipt.orphan).
CREATE INDEX message_events_submitted_carrier_id
    ON message_events (upper(ltrim(carrier_msg_id, '0')))
    WHERE status = 'SUBMITTED' AND carrier_msg_id IS NOT NULL;
