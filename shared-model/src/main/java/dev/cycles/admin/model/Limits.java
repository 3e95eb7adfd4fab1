package dev.cycles.admin.model;

/**
 * Size caps on every free-form field a client can store, shared by the server (which refuses more
 * with a 400 naming the field) and the console (which can check forms before sending). The spec's
 * own maxLength/maxItems are used where it gives them; the rest are this project's choices,
 * recorded in admin-server/API-DECISIONS.md.
 */
public final class Limits {
    /** name of tenants, keys and policies (spec: 256). */
    public static final int NAME = 256;
    /** description of keys and policies (spec: 1024). */
    public static final int DESCRIPTION = 1024;
    /** reason of freeze/unfreeze, fund and revoke (spec: 512). */
    public static final int REASON = 512;
    /** metadata entries (spec: Tenant caps at 32; used for every metadata map). */
    public static final int METADATA_ENTRIES = 32;
    /** length of one metadata key. */
    public static final int METADATA_KEY = 64;
    /** metadata as serialized JSON, in UTF-8 bytes (bounds values, nesting and everything else). */
    public static final int METADATA_BYTES = 8 * 1024;
    /** entries in caps.tool_allowlist and caps.tool_denylist. */
    public static final int TOOLS = 100;
    /** length of one tool name. */
    public static final int TOOL = 128;
    /** entries in a key's permissions list (the enum has fewer; duplicates are dropped). */
    public static final int PERMISSIONS = 64;

    private Limits() {
    }
}
