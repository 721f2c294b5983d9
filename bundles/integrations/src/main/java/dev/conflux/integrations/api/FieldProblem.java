package dev.conflux.integrations.api;

/**
 * One thing wrong with an integration, next to the field it comes from.
 *
 * @param field   the parameter's name, {@code name} or {@code title} for the integration's own, or null when it is
 *                about the whole integration
 * @param message what is wrong, in plain words
 */
public record FieldProblem(String field, String message) {
}
