package dev.conflux.trust.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes test keystores with the JDK's keytool, as an administrator would. */
final class Keytool {

    private Keytool() {
    }

    static void selfSigned(Path keystore, String password, String subject, int validityDays) throws Exception {
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject,
                "-validity", String.valueOf(validityDays), "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
