package dev.cycles.admin.server.webhook;

import dev.cycles.admin.server.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Makes sure this server's webhook secret key is the one the database's secrets are sealed with.
 * Servers sharing a PostgreSQL database must share the key; one started with a key of its own
 * would store secrets the others cannot open and fail every delivery it cannot sign, so it is
 * refused at start-up with what to do. A server alone on its SQLite file whose key file changed
 * (lost and regenerated) says so once and carries on: new secrets work, old ones need rotating.
 */
public final class WebhookKeyCheck {
    static final String NAME = "webhook-secret";
    private static final String PLAIN = "cycles webhook secret key check";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookKeyCheck.class);

    private WebhookKeyCheck() {
    }

    public static void verify(Database db, SecretCipher cipher, Path dataDir) {
        KeyCheckStore store = new KeyCheckStore();
        String sealed = db.write(c -> {
            store.stampIfAbsent(c, NAME, cipher.seal(PLAIN, NAME));
            return store.find(c, NAME);
        });
        if (opens(cipher, sealed)) {
            return;
        }
        Path file = dataDir.resolve(SecretCipher.FILE_NAME);
        if (db.sharedWithOtherServers()) {
            throw new IllegalStateException(file + " is not the webhook secret key this database was set up with."
                    + " Servers sharing a database share the key: stop this server, copy " + SecretCipher.FILE_NAME
                    + " (mode 0600) from a server already using this database into its data folder, and start it again.");
        }
        LOG.warn("{} is not the key the stored webhook secrets were sealed with (was it replaced?):"
                + " deliveries of existing subscriptions fail until their signing_secret is rotated", file);
        db.write(c -> {
            store.replace(c, NAME, cipher.seal(PLAIN, NAME));
            return null;
        });
    }

    private static boolean opens(SecretCipher cipher, String sealed) {
        try {
            return PLAIN.equals(cipher.open(sealed, NAME));
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
