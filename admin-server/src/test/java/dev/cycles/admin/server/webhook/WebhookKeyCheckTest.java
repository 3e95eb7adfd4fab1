package dev.cycles.admin.server.webhook;

import dev.cycles.admin.server.Config;
import dev.cycles.admin.server.db.DatabaseUrl;
import dev.cycles.admin.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookKeyCheckTest {

    @Test
    void aSecondServerWithItsOwnKeyIsRefusedAtStartAndStartsWithACopyOfTheFirstsKey() throws Exception {
        assumeTrue(TestServer.onPostgres(), "servers share a database only on PostgreSQL");
        TestServer first = TestServer.start();
        Path second = Files.createTempDirectory("cycles-key-second");
        try {
            String key = Files.readString(first.dataDir().resolve(SecretCipher.FILE_NAME));
            Files.writeString(second.resolve(SecretCipher.FILE_NAME), randomKey());
            Config config = new Config(TestServer.ADMIN_KEY, 0, "127.0.0.1", second)
                    .withDatabaseUrl(DatabaseUrl.parse(TestServer.databaseUrl(first.dataDir())));
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TestServer.start(config));
            assertTrue(refused.getMessage().contains("copy webhook-secret.key"), refused.getMessage());

            Files.writeString(second.resolve(SecretCipher.FILE_NAME), key);
            TestServer.start(config).stop();
        } finally {
            TestServer.deleteTree(second);
            first.close();
        }
    }

    @Test
    void aServerAloneOnItsFileWhoseKeyWasReplacedStartsAndAdoptsTheNewKey() throws Exception {
        assumeFalse(TestServer.onPostgres(), "the data folder's own file");
        Path dir = Files.createTempDirectory("cycles-key-replaced");
        try {
            TestServer.start(dir).stop();
            Files.writeString(dir.resolve(SecretCipher.FILE_NAME), randomKey());
            TestServer restarted = TestServer.start(dir);
            SecretCipher now = SecretCipher.loadOrCreate(dir);
            String sealed = restarted.db().read(c -> new KeyCheckStore().find(c, WebhookKeyCheck.NAME));
            assertEquals("cycles webhook secret key check", now.open(sealed, WebhookKeyCheck.NAME), "stamped again with the new key");
            restarted.stop();
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    private static String randomKey() {
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k) + "\n";
    }
}
