package dev.conflux.connector.api;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * How connector types that write files (file, sftp) hand a file over: written under a temporary name in the
 * target directory and renamed to its final name once complete, so that a reader polling the directory never
 * sees a partial file under the final name. Uses Camel's own {@code tempPrefix} option of the file and ftp
 * components; the instance key {@value #KEY} sets the prefix, {@value #IN_PLACE} turns it off.
 */
public final class FileHandOver {

    /** The instance key. */
    public static final String KEY = "tempPrefix";
    /** The default prefix: a leading dot, so that file consumers (Camel's included) skip files being written. */
    public static final String DEFAULT_PREFIX = ".inprogress-";
    /** The value that writes files in place, under their final name from the first byte. */
    public static final String IN_PLACE = "none";

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private FileHandOver() {
    }

    /** The key, for a connector type's {@link ConnectorType#keys()}. */
    public static ConnectorKey key() {
        return ConnectorKey.optional(KEY, ConnectorKey.Kind.TEXT, DEFAULT_PREFIX, "Files are written under this"
                + " prefix and renamed to their final name when complete, so that nobody reads a partial file;"
                + " '" + IN_PLACE + "' writes in place");
    }

    /** Refuses a prefix that is not a plain file name start; call from {@link ConnectorType#create}. */
    public static void check(ConnectorSettings settings) {
        String prefix = settings.optional(KEY).map(String::trim).orElse(DEFAULT_PREFIX);
        if (!IN_PLACE.equals(prefix) && !PREFIX.matcher(prefix).matches()) {
            throw new InvalidConfigurationException(KEY, "'" + prefix + "' cannot start a temporary file name:"
                    + " expected up to 64 letters, digits, '.', '_' or '-' (e.g. " + DEFAULT_PREFIX + "), or '"
                    + IN_PLACE + "' to write files in place");
        }
    }

    /**
     * Adds the temporary prefix to an endpoint's parameters, unless the flow chose its own ({@code tempPrefix},
     * {@code tempFileName}) or appends to existing files ({@code fileExist=Append}, where a rename would replace
     * what the file held).
     */
    public static void apply(ConnectorSettings settings, Map<String, Object> parameters) {
        String prefix = settings.optional(KEY).map(String::trim).orElse(DEFAULT_PREFIX);
        boolean appends = "append".equalsIgnoreCase(String.valueOf(parameters.get("fileExist")));
        if (!IN_PLACE.equals(prefix) && !appends && !parameters.containsKey("tempPrefix")
                && !parameters.containsKey("tempFileName")) {
            parameters.put("tempPrefix", prefix);
        }
    }
}
