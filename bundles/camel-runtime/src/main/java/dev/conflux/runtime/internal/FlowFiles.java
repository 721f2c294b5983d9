package dev.conflux.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** What counts as a flow file, and the flow name a file gives. */
final class FlowFiles {

    private static final Pattern CAMEL_XML_ROOT = Pattern.compile(
            "<(?:[A-Za-z0-9_]+:)?(routes|camel|routeTemplates|templatedRoutes)[\\s>/]");
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private FlowFiles() {
    }

    /** Camel YAML DSL files ({@code .yaml}/{@code .yml}) and Camel XML DSL files (root {@code <routes>} or {@code <camel>}). */
    static boolean isFlowFile(Path file) {
        String name = file.getFileName().toString().toLowerCase();
        if (name.startsWith(".")) {
            return false;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return true;
        }
        if (name.endsWith(".xml")) {
            try (InputStream in = Files.newInputStream(file)) {
                String head = new String(in.readNBytes(4096), StandardCharsets.UTF_8)
                        .replaceAll("(?s)<\\?.*?\\?>|<!--.*?-->", "");
                var m = CAMEL_XML_ROOT.matcher(head);
                return m.find() && head.substring(0, m.start()).strip().isEmpty();
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** {@code orders.camel.yaml} → {@code orders}; {@code billing.xml} → {@code billing}. */
    static String flowName(Path file) {
        String name = file.getFileName().toString();
        name = name.replaceFirst("(?i)(\\.camel)?\\.(yaml|yml|xml)$", "");
        return name;
    }

    static boolean isValidName(String name) {
        return VALID_NAME.matcher(name).matches();
    }

    static String extension(Path file) {
        String name = file.getFileName().toString().toLowerCase();
        return name.endsWith(".xml") ? "xml" : "yaml";
    }
}
