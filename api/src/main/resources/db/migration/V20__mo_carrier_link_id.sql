-- The carrier's LinkID of an on-demand MO (CMPP 3.0 LinkID, SMGP LinkID TLV; 20 octets): a message an app sends
-- in reply to this MO (POST /v1/messages with inReplyTo) sends it back. Null for MO that came without one.
ALTER TABLE mo_messages ADD COLUMN carrier_link_id varchar(20);
