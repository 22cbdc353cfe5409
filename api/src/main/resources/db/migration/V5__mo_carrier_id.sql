-- The carrier's id of the DELIVER that brought a reply: a DELIVER the carrier sends again (our answer got
-- lost, perhaps across a gateway restart) is then stored, and called back, once.
ALTER TABLE mo_messages ADD COLUMN carrier_msg_id varchar(64);
CREATE UNIQUE INDEX mo_messages_carrier_msg_id ON mo_messages (carrier, carrier_msg_id) WHERE carrier_msg_id IS NOT NULL;
