package dev.conflux.integrations.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.conflux.integrations.api.Template;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The templates the distribution ships are all valid, so all of them are published. */
public class ShippedTemplatesTest {

    private final TemplateLibrary library = new TemplateLibrary(Path.of("src/main/templates"));

    @Test
    public void everyShippedTemplateIsValid() {
        assertEquals(List.of(), library.problems());
        Map<String, Template> templates = library.templates();
        assertTrue(templates.keySet().toString(), templates.size() >= 7);
        for (Template t : templates.values()) {
            assertTrue(t.id(), !t.title().isBlank() && !t.description().isBlank() && !t.parameters().isEmpty());
            t.parameters().forEach(p -> assertTrue(t.id() + "." + p.name() + " has a label and help",
                    !p.label().isBlank() && !p.help().isBlank()));
        }
    }
}
