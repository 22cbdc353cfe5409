package org.sms1069.api.testing;

import org.sms1069.testkit.TestInfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A lock on a test schema's {@code messages} that holds every INSERT into it until the returned transaction ends. */
public final class TableLock {
    private TableLock() {
    }

    /** Closing the connection (or {@code rollback}) lets the held inserts go on. */
    public static Connection onMessages(String schema) throws SQLException {
        Connection connection = DriverManager.getConnection(TestInfra.jdbcUrl(), TestInfra.postgresUser(), "");
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + schema + ".messages IN SHARE MODE");
        }
        return connection;
    }
}
