package dev.cycles.admin.server.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal HTTP/1.1 client over one keep-alive socket, for load generation on the machine the
 * server runs on: the caller hands it a complete request (headers and body, prepared once and
 * patched in place), it writes the bytes and reads one response by Content-Length. No parsing
 * beyond the status line and that header, no allocation per request, so the client takes little
 * of the CPU the server needs. Reconnects when the server closes the connection (it does after
 * an error reply).
 */
final class KeepAliveClient implements AutoCloseable {
    private final InetSocketAddress address;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] buf = new byte[16 * 1024];
    private int bodyStart;
    private int bodyLength;
    private boolean closeAfter;

    KeepAliveClient(int port) {
        this.address = new InetSocketAddress("127.0.0.1", port);
    }

    /** Sends {@code request} (a whole HTTP/1.1 message) and returns the response status. */
    int send(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, 2_000);
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }
        try {
            out.write(request);
            out.flush();
            int status = readResponse();
            if (closeAfter) {
                close();
            }
            return status;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Where the last response's body starts in {@link #buffer()}, and how long it is. */
    int bodyStart() {
        return bodyStart;
    }

    int bodyLength() {
        return bodyLength;
    }

    byte[] buffer() {
        return buf;
    }

    String body() {
        return new String(buf, bodyStart, bodyLength, StandardCharsets.UTF_8);
    }

    /** Finds {@code "name":"} in the last body and returns the string value after it, or null. */
    String field(byte[] quotedNameColonQuote) {
        int at = indexOf(buf, bodyStart, bodyStart + bodyLength, quotedNameColonQuote);
        if (at < 0) {
            return null;
        }
        int from = at + quotedNameColonQuote.length;
        int to = from;
        while (to < bodyStart + bodyLength && buf[to] != '"') {
            to++;
        }
        return new String(buf, from, to - from, StandardCharsets.US_ASCII);
    }

    private int readResponse() throws IOException {
        int filled = 0;
        int headerEnd;
        while ((headerEnd = indexOf(buf, 0, filled, CRLFCRLF)) < 0) {
            filled = fill(filled);
        }
        int status = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
        int length = 0;
        closeAfter = false;
        for (int line = lineAfter(0); line < headerEnd; line = lineAfter(line)) {
            if (startsWithIgnoreCase(line, CONTENT_LENGTH)) {
                length = 0;
                for (int i = line + CONTENT_LENGTH.length; buf[i] != '\r'; i++) {
                    if (buf[i] >= '0' && buf[i] <= '9') {
                        length = length * 10 + (buf[i] - '0');
                    }
                }
            } else if (startsWithIgnoreCase(line, CONNECTION_CLOSE)) {
                closeAfter = true;
            }
        }
        bodyStart = headerEnd + 4;
        bodyLength = length;
        if (bodyStart + length > buf.length) {
            buf = Arrays.copyOf(buf, bodyStart + length);
        }
        while (filled < bodyStart + length) {
            filled = fill(filled);
        }
        return status;
    }

    private int fill(int filled) throws IOException {
        if (filled == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, filled, buf.length - filled);
        if (n < 0) {
            throw new IOException("server closed the connection");
        }
        return filled + n;
    }

    private int lineAfter(int from) {
        int i = from;
        while (buf[i] != '\n') {
            i++;
        }
        return i + 1;
    }

    private boolean startsWithIgnoreCase(int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (Character.toLowerCase(buf[at + i]) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] hay, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // reconnecting anyway
            }
            socket = null;
        }
    }

    private static final byte[] CRLFCRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_CLOSE = "connection: close".getBytes(StandardCharsets.US_ASCII);
}
