package org.keybridge.portal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.portal.PortalStorageScenario;

/** The same schema and story on a real PostgreSQL server (started for this test), by JDBC URL. */
class PostgresStorageTest {
    static LocalPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = new LocalPostgres();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) pg.close();
    }

    @Test
    void migratesAFreshDatabaseOnceAndRunsTheStory(@TempDir Path dir) throws Exception {
        try (PortalDatabase db = PortalDatabase.jdbc(pg.url(), "portal", "")) {
            assertThat(db.migrationsApplied()).isEqualTo(1);
            PortalStorageScenario.run(dir, db);
        }
        try (PortalDatabase again = PortalDatabase.jdbc(pg.url(), "portal", "")) {
            assertThat(again.migrationsApplied()).isZero();
            int audited = again.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM binding_audit")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(audited).isEqualTo(2);
        }
    }

    @Test
    void unreachableDatabaseIsAStorageException() {
        assertThatThrownBy(() -> PortalDatabase.jdbc("jdbc:postgresql://127.0.0.1:1/none", "portal", ""))
                .isInstanceOf(RuntimeException.class);
    }
}
