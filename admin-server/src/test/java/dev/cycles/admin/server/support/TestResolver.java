package dev.cycles.admin.server.support;

import dev.cycles.admin.server.webhook.UrlGuard;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Name resolution for test servers (the build machine may have no DNS): {@code *.example.com}
 * is a public address, {@code *.private.test} a private one, {@code mixed.test} a public and a
 * loopback address, {@code *.invalid} does not resolve; literals and localhost resolve as usual.
 */
public final class TestResolver implements UrlGuard.AddressResolver {
    public static final TestResolver INSTANCE = new TestResolver();

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.equals("example.com") || h.endsWith(".example.com")) {
            return new InetAddress[]{InetAddress.getByAddress(host, new byte[]{93, (byte) 184, (byte) 216, 34})};
        }
        if (h.endsWith(".private.test")) {
            return new InetAddress[]{InetAddress.getByAddress(host, new byte[]{10, 1, 2, 3})};
        }
        if (h.equals("mixed.test")) {
            return new InetAddress[]{InetAddress.getByAddress(host, new byte[]{93, (byte) 184, (byte) 216, 34}),
                    InetAddress.getByAddress(host, new byte[]{127, 0, 0, 1})};
        }
        if (h.endsWith(".invalid")) {
            throw new UnknownHostException(host);
        }
        return InetAddress.getAllByName(host);
    }

    /** Tests contact loopback only: a name mapped to a public or private address is never connected to. */
    @Override
    public boolean mayConnect(InetAddress address) {
        return address.isLoopbackAddress();
    }
}
