-- A delivery is sent by the server that holds its lease. With several servers on one database
-- each due delivery is claimed by one of them; a server that dies mid-send leaves a lease that
-- runs out, and another server sends the delivery then.
ALTER TABLE webhook_deliveries ADD COLUMN lease_owner TEXT;
ALTER TABLE webhook_deliveries ADD COLUMN lease_until INTEGER;
