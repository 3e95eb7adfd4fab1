package dev.cycles.admin.server.event;

import dev.cycles.admin.server.core.OperationContext;
import dev.cycles.admin.model.Event;

import java.sql.Connection;
import java.sql.SQLException;

/** Something that acts on every event inside the transaction that records it (the webhook outbox). */
@FunctionalInterface
public interface EventSink {
    void accepted(Connection c, OperationContext ctx, Event event) throws SQLException;
}
