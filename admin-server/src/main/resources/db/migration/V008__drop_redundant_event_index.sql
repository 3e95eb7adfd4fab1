-- events_tenant_time (tenant_id, timestamp) is a prefix of events_tenant_time_seq (V004), which
-- serves every query it served; keeping both only made each event insert update one more B-tree.
DROP INDEX IF EXISTS events_tenant_time;
