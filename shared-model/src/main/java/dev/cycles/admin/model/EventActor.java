package dev.cycles.admin.model;

/** Who caused an event: {@code type} is admin, api_key, admin_on_behalf_of, system or scheduler. */
public record EventActor(String type, String keyId, String sourceIp) {
}
