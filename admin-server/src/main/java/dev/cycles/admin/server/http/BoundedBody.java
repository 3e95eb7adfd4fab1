package dev.cycles.admin.server.http;

import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.model.ErrorCode;
import org.eclipse.jetty.http.BadMessageException;

import javax.servlet.ServletRequest;
import javax.servlet.ServletRequestWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body up to a limit, whatever the transfer encoding. Spark's request wrapper
 * would buffer the whole body in memory first, so the read goes to the container's own stream.
 */
final class BoundedBody {
    private BoundedBody() {
    }

    /**
     * A body must keep arriving at this rate once it has had {@link #GRACE_NANOS} (a small body
     * on a busy server is never judged by its first milliseconds; Jetty's own minimum data rate
     * is, and refused honest requests under load). A pause longer than the connector's idle
     * timeout ends the read too.
     */
    static final long MIN_BYTES_PER_SECOND = 1024;
    static final long GRACE_NANOS = 5_000_000_000L;

    /** The body, or null when it is longer than {@code max} bytes (the rest is left unread). */
    static byte[] read(ServletRequest request, int max) {
        ServletRequest raw = request;
        while (raw instanceof ServletRequestWrapper w) {
            raw = w.getRequest();
        }
        try {
            InputStream in = raw.getInputStream();
            // Sized to the declared length when there is one: most bodies are a few hundred bytes,
            // and a fixed 16 KiB buffer per request was a fifth of all the server allocated.
            long declared = raw.getContentLengthLong();
            int size = declared > 0 ? (int) Math.min(declared + 1, 16 * 1024) : 4 * 1024;
            ByteArrayOutputStream body = new ByteArrayOutputStream(size);
            byte[] chunk = new byte[size];
            long started = System.nanoTime();
            int n;
            while ((n = in.read(chunk)) > 0) {
                body.write(chunk, 0, n);
                if (body.size() > max) {
                    return null;
                }
                long elapsed = System.nanoTime() - started;
                if (elapsed > GRACE_NANOS && body.size() * 1_000_000_000L / elapsed < MIN_BYTES_PER_SECOND) {
                    throw new ApiException(408, ErrorCode.INVALID_REQUEST, "Request body arrived too slowly");
                }
            }
            return body.toByteArray();
        } catch (BadMessageException e) {
            throw new ApiException(e.getCode(), ErrorCode.INVALID_REQUEST, e.getCode() == 408
                    ? "Request body arrived too slowly" : "Request body could not be read");
        } catch (IOException e) {
            if (isTimeout(e)) {
                throw new ApiException(408, ErrorCode.INVALID_REQUEST, "Request body was not received in time");
            }
            throw new ApiException(400, ErrorCode.INVALID_REQUEST, "Request body ended before its declared length");
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof BadMessageException b && b.getCode() == 408) {
                return true;
            }
        }
        return false;
    }
}
