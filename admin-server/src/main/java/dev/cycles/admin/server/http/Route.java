package dev.cycles.admin.server.http;

import dev.cycles.admin.server.core.ResourceType;

/** One line of the route table: method and path, the spec's operationId, who may call it, and the handler. */
public record Route(String method, String path, String operation, ResourceType resourceType, AuthRule auth, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        Object handle(Call call) throws Exception;
    }

    public boolean isWrite() {
        return !method.equals("GET");
    }

    /** True when {@code requestPath} fits this route's pattern (":name" segments match anything). */
    boolean matchesPath(String requestPath) {
        String[] want = path.split("/");
        String[] got = requestPath.split("/");
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].startsWith(":") && !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }
}
