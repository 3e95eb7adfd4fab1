package dev.cycles.admin.model;

/** An enum whose wire spelling may differ from its Java name. */
public interface WireEnum {
    String wire();
}
