-- The parts of a long message that have a DELIVERED receipt. Kept on the message row so that
-- receipts of different parts, applied concurrently, serialise on the row lock: the last one sees
-- every part (a count over message_events could miss parts committed by concurrent statements).
ALTER TABLE messages ADD COLUMN delivered_parts int[] NOT NULL DEFAULT '{}';
