package dev.cycles.admin.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP at the socket level, for requests no well-behaved client sends: slow bodies, lying
 * Content-Length, endless chunked bodies, raw bytes in the path.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;

    public RawHttp(int port, int readTimeoutMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(readTimeoutMillis);
    }

    /** Sends the request line and headers (CRLF line ends added) and the blank line after them. */
    public RawHttp head(String requestLine, String... headers) throws IOException {
        StringBuilder sb = new StringBuilder(requestLine).append("\r\n").append("Host: 127.0.0.1\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("\r\n");
        return send(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    public RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public Socket socket() {
        return socket;
    }

    /** Reads whatever the server sends until it closes, the read times out, or one response is complete. */
    public Response readResponse() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = in.read(chunk)) > 0) {
                buf.write(chunk, 0, n);
                Response r = Response.parse(buf.toString(StandardCharsets.UTF_8));
                if (r != null && r.complete()) {
                    return r;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException stop) {
            // what arrived so far is the answer
        }
        Response r = Response.parse(buf.toString(StandardCharsets.UTF_8));
        return r == null ? new Response(-1, buf.toString(StandardCharsets.UTF_8), "", -1) : r;
    }

    /**
     * For HEAD: returns once the header block is in, plus any bytes that follow within
     * {@code graceMillis} (there should be none).
     */
    public Response readHeadResponse(int graceMillis) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while (!buf.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n") && (n = in.read(chunk)) > 0) {
            buf.write(chunk, 0, n);
        }
        socket.setSoTimeout(graceMillis);
        try {
            while ((n = in.read(chunk)) > 0) {
                buf.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException quiet) {
            // nothing more came: as it should be after a HEAD
        }
        Response r = Response.parse(buf.toString(StandardCharsets.UTF_8));
        return r == null ? new Response(-1, buf.toString(StandardCharsets.UTF_8), "", -1) : r;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }

    /** A parsed response: status, header block (lower-cased names kept as sent), body. */
    public record Response(int status, String headers, String body, int contentLength) {
        static Response parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            if (end < 0 || !raw.startsWith("HTTP/1.1 ")) {
                return null;
            }
            String head = raw.substring(0, end);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = -1;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new Response(status, head, raw.substring(end + 4), length);
        }

        boolean complete() {
            return contentLength >= 0 && body.getBytes(StandardCharsets.UTF_8).length >= contentLength;
        }

        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }
}
