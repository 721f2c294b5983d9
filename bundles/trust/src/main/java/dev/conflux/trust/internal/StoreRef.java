package dev.conflux.trust.internal;

import java.nio.file.Path;

/**
 * A keystore or truststore a listener names, with the password to open it and where that password comes from (for
 * a message when it is missing or wrong; never the password itself).
 *
 * @param type     the store type (PKCS12, JKS...); null for the file's own
 * @param password null when none is configured
 * @param kind     {@code keystore} or {@code truststore}
 */
record StoreRef(Path path, String type, char[] password, String passwordSource, String kind, String usedBy) {
}
