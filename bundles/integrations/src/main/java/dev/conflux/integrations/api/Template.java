package dev.conflux.integrations.api;

import java.util.List;

/**
 * An integration template: a flow with parameters, written by IT and published to integrators
 * (docs/citizen-integrators.md). Read from {@code templates/<id>.yaml}.
 *
 * @param id          its name, the file's name without .yaml
 * @param version     raised by its author on every change that matters to integrations made from it
 * @param title       what the gallery shows
 * @param description what it does, in a few sentences
 * @param category    the gallery's group (Files, Queues, APIs, Databases, Mail…)
 * @param icon        a Font Awesome / Patternfly icon class (fa-folder-open)
 * @param roles       who may use it (admins always may)
 * @param parameters  its parameters, in the form's order
 * @param flow        the template's flow, Camel YAML DSL with {@code {{parameter}}} where values go
 * @param different   groups of parameters whose values must all differ (an output queue that is not the input)
 */
public record Template(String id, int version, String title, String description, String category, String icon,
        List<String> roles, List<TemplateParameter> parameters, String flow, List<List<String>> different) {

    public Template {
        roles = List.copyOf(roles);
        parameters = List.copyOf(parameters);
        different = different == null ? List.of() : different.stream().map(List::copyOf).toList();
    }

    public Template withParameters(List<TemplateParameter> filled) {
        return new Template(id, version, title, description, category, icon, roles, filled, flow, different);
    }
}
