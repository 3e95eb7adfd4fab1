package dev.cycles.admin.server.http;

import dev.cycles.admin.server.core.ApiException;
import dev.cycles.admin.model.ErrorCode;
import org.eclipse.jetty.http.BadMessageException;

import javax.servlet.ServletRequest;
import javax.servlet.ServletRequestWrapper;
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

    /** The body, or null when it is longer than {@code max} bytes (the rest is left unread). */
    static byte[] read(ServletRequest request, int max) {
        ServletRequest raw = request;
        while (raw instanceof ServletRequestWrapper w) {
            raw = w.getRequest();
        }
        try {
            InputStream in = raw.getInputStream();
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? null : bytes;
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
