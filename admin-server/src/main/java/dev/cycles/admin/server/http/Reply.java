package dev.cycles.admin.server.http;

/** A handler's answer when it is not a plain 200 with a JSON body. */
public record Reply(int status, Object body) {
    public static Reply created(Object body) {
        return new Reply(201, body);
    }

    public static Reply ok(Object body) {
        return new Reply(200, body);
    }
}
