package dev.cycles.admin.server.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks responses against an OpenAPI document: the project's own two (admin and runtime plane)
 * from the class path, and the public Cycles specs (admin, runtime protocol) from ../shared/spec
 * when they are there; without them, those checks are skipped with a message.
 */
public final class ContractValidator {
    private static final ContractValidator CYCLES_SPEC = loadPublic("cycles-governance-admin-v0.1.25.yaml");
    private static final ContractValidator OWN_SPEC = loadOwn("openapi.yaml");
    private static final ContractValidator RUNTIME_SPEC = loadPublic("cycles-protocol-v0.yaml");
    private static final ContractValidator OWN_RUNTIME_SPEC = loadOwn("runtime-openapi.yaml");

    private final OpenApiInteractionValidator validator;
    private final String name;

    private ContractValidator(OpenApiInteractionValidator validator, String name) {
        this.validator = validator;
        this.name = name;
    }

    /** The public admin spec's validator, or null when the file is absent. */
    public static ContractValidator cyclesSpec() {
        return CYCLES_SPEC;
    }

    /** The project's own admin document (src/main/resources/openapi.yaml): always present, checked strictly. */
    public static ContractValidator ownSpec() {
        return OWN_SPEC;
    }

    /** The public runtime spec (cycles-protocol-v0.yaml) validator, or null when the file is absent. */
    public static ContractValidator runtimeSpec() {
        return RUNTIME_SPEC;
    }

    /** The project's own runtime-plane document (src/main/resources/runtime-openapi.yaml), checked strictly. */
    public static ContractValidator ownRuntimeSpec() {
        return OWN_RUNTIME_SPEC;
    }

    private static ContractValidator loadOwn(String resource) {
        java.net.URL url = ContractValidator.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the class path");
        }
        OpenApiInteractionValidator v;
        try {
            v = OpenApiInteractionValidator
                .createForSpecificationUrl(url.toString())
                .withLevelResolver(LevelResolver.create()
                        // Requests are the tests' business (they send bad ones on purpose); every
                        // response status and body must be in the document.
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        } catch (OpenApiInteractionValidator.ApiLoadException e) {
            throw new IllegalStateException(resource + " does not load: " + e.getParseMessages(), e);
        }
        return new ContractValidator(v, resource);
    }

    private static ContractValidator loadPublic(String file) {
        for (Path candidate : List.of(Path.of("../../shared/spec/" + file), Path.of("../shared/spec/" + file))) {
            if (Files.exists(candidate)) {
                OpenApiInteractionValidator v = OpenApiInteractionValidator
                        .createForSpecificationUrl(candidate.toAbsolutePath().toUri().toString())
                        .withLevelResolver(LevelResolver.create()
                                // Paths, statuses and request forms the spec does not list (405, 413,
                                // 415, /health, seed-compatible bodies) are ours to define.
                                .withLevel("validation.request", ValidationReport.Level.IGNORE)
                                .withLevel("validation.response.status.unknown", ValidationReport.Level.IGNORE)
                                .build())
                        .build();
                return new ContractValidator(v, candidate.getFileName().toString());
            }
        }
        System.err.println("[contract] ../shared/spec/" + file + " not found: "
                + "responses are not checked against that public Cycles spec in this run");
        return null;
    }

    /** Problems with this response, as readable lines; empty when it conforms. */
    public List<String> problems(String method, String path, int status, String contentType, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), response.build());
        List<String> out = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR) {
                out.add("[" + name + "] " + m.getKey() + ": " + m.getMessage()
                        + (m.getAdditionalInfo().isEmpty() ? "" : " " + m.getAdditionalInfo().stream().collect(Collectors.joining("; "))));
            }
        }
        return out;
    }
}
