package dev.cycles.admin.server.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 range written {@code address/prefix}; parsing never resolves names. */
record Cidr(byte[] network, int prefix, String text) {
    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]+");

    /** The range, or an IllegalArgumentException saying what is wrong. */
    static Cidr parse(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("a CIDR range may not be null");
        }
        String s = raw.trim();
        int slash = s.indexOf('/');
        if (slash <= 0 || slash == s.length() - 1) {
            throw new IllegalArgumentException("'" + raw + "' is not a CIDR range (address/prefix)");
        }
        String addr = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        boolean v4 = V4.matcher(addr).matches();
        if (!v4 && !(addr.contains(":") && V6.matcher(addr).matches())) {
            throw new IllegalArgumentException("'" + raw + "' does not start with an IPv4 or IPv6 address");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + raw + "' does not start with an IPv4 or IPv6 address");
        }
        if (!v4 && bytes.length == 4) {
            // ::ffff:a.b.c.d written as a range: Java hands back the IPv4 address; keep the IPv6 width.
            throw new IllegalArgumentException("'" + raw + "': write IPv4-mapped ranges as IPv4 (a.b.c.d/n)");
        }
        int max = bytes.length * 8;
        int prefix;
        if (!bits.matches("\\d{1,3}") || (prefix = Integer.parseInt(bits)) > max) {
            throw new IllegalArgumentException("'" + raw + "': the prefix must be 0.." + max);
        }
        return new Cidr(mask(bytes, prefix), prefix, s);
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        return a.length == network.length && java.util.Arrays.equals(mask(a, prefix), network);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }
}
