package dev.conflux.integrations.api;

import java.util.List;

/**
 * One parameter of a template, as the wizard shows it and the server checks it.
 *
 * @param name          what the template's flow refers to as {@code {{name}}}
 * @param type          what it holds; the server checks every value against it
 * @param label         the field's label
 * @param help          a sentence under the field
 * @param defaultValue  the value the form starts with, or null
 * @param required      whether it must be given (default true)
 * @param pattern       for {@code string}: a regular expression the whole value must match
 * @param min           for {@code number} and {@code interval}: the smallest value (an interval in its own words: 10s)
 * @param max           for {@code number} and {@code interval}: the largest value
 * @param values        for {@code enum}: the values offered
 * @param connectorType for {@code connector}: the connector type (sftp, http, sql, mail, file, jms, soap)
 * @param choices       for {@code connector}: the published instances of that type the caller may pick, filled in
 *                      when the template is read for a caller; empty otherwise
 */
public record TemplateParameter(String name, Type type, String label, String help, String defaultValue,
        boolean required, String pattern, String min, String max, List<String> values, String connectorType,
        List<String> choices) {

    public TemplateParameter {
        values = values == null ? List.of() : List.copyOf(values);
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public TemplateParameter withChoices(List<String> offered) {
        return new TemplateParameter(name, type, label, help, defaultValue, required, pattern, min, max, values,
                connectorType, offered);
    }

    /** What a parameter holds. Every type has a strict syntax; none lets a value reach beyond its place. */
    public enum Type {
        /** A short name or code, matching the template's {@code pattern}; never any of {@code & ? # % { } $ " ' \}. */
        STRING,
        /** Free text (a mail subject, a note): any printable text without {@code {{ }} ${}, never in an endpoint. */
        TEXT,
        /** A relative path: letters, digits, {@code . _ - /}, no {@code ..}, not starting with {@code /}. */
        PATH,
        /** A whole or decimal number within min..max. */
        NUMBER,
        /** true or false. */
        BOOLEAN,
        /** One of {@code values}. */
        ENUM,
        /** A duration: 500ms, 30s, 5m, 2h, within min..max; the flow gets milliseconds. */
        INTERVAL,
        /** A queue on the embedded broker: letters, digits, . _ -; not a system queue (DLQ., ExpiryQueue., conflux.). */
        QUEUE,
        /** One e-mail address. */
        EMAIL,
        /** A connector instance of {@code connectorType} that IT published to integrators. */
        CONNECTOR
    }
}
