package dev.conflux.trust.internal;

import dev.conflux.trust.api.TrustReport.Certificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Reads the certificates of the keystores and truststores listeners use: subject, issuer, expiry and days left, and
 * which listeners use each store. A store several listeners name is read once. A store that cannot be opened is
 * reported with the reason (file missing, password missing or wrong, naming where the password comes from), never
 * with the password.
 */
final class CertificateReader {

    private final Clock clock;

    CertificateReader(Clock clock) {
        this.clock = clock;
    }

    List<Certificate> read(List<StoreRef> refs) {
        Map<Path, List<StoreRef>> byFile = new LinkedHashMap<>();
        refs.forEach(r -> byFile.computeIfAbsent(r.path(), p -> new ArrayList<>()).add(r));
        List<Certificate> certificates = new ArrayList<>();
        byFile.forEach((file, uses) -> certificates.addAll(read(file, uses)));
        return certificates;
    }

    private List<Certificate> read(Path file, List<StoreRef> uses) {
        Set<String> kinds = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        StoreRef withPassword = null;
        for (StoreRef r : uses) {
            kinds.add(r.kind());
            users.add(r.usedBy());
            if (withPassword == null && r.password() != null) {
                withPassword = r;
            }
        }
        String kind = String.join(", ", kinds);
        String usedBy = String.join(", ", users);
        StoreRef ref = withPassword != null ? withPassword : uses.get(0);
        try {
            KeyStore store = load(file, ref);
            List<Certificate> found = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                Object[] chain = store.isKeyEntry(alias) ? store.getCertificateChain(alias)
                        : new Object[] {store.getCertificate(alias)};
                for (int i = 0; chain != null && i < chain.length; i++) {
                    if (chain[i] instanceof X509Certificate x509) {
                        found.add(describe(file, kind, i == 0 ? alias : alias + " (chain " + i + ")", x509, usedBy));
                    }
                }
            }
            if (found.isEmpty()) {
                // without its password a PKCS12 store opens but shows none of its (encrypted) certificates
                found.add(problem(file, kind, usedBy, ref.password() == null ? passwordProblem(ref)
                        : "holds no certificate"));
            }
            return found;
        } catch (NoSuchFileException e) {
            return List.of(problem(file, kind, usedBy, "file not found"));
        } catch (IOException e) {
            boolean password = e.getCause() instanceof UnrecoverableKeyException || ref.password() == null
                    || String.valueOf(e.getMessage()).toLowerCase().contains("password");
            return List.of(problem(file, kind, usedBy, password ? passwordProblem(ref)
                    : "cannot be read: " + e.getMessage()));
        } catch (GeneralSecurityException e) {
            return List.of(problem(file, kind, usedBy, "cannot be read: " + e.getMessage()));
        }
    }

    private static String passwordProblem(StoreRef ref) {
        return "cannot be opened: password " + (ref.password() == null ? "missing" : "wrong") + " (from "
                + ref.passwordSource() + ")";
    }

    private static KeyStore load(Path file, StoreRef ref) throws IOException, GeneralSecurityException {
        byte[] bytes = Files.readAllBytes(file);
        List<String> types = new ArrayList<>();
        if (ref.type() != null) {
            types.add(ref.type());
        }
        types.add("PKCS12");
        types.add("JKS");
        IOException last = null;
        for (String type : new LinkedHashSet<>(types)) {
            KeyStore store = KeyStore.getInstance(type);
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                store.load(in, ref.password());
                return store;
            } catch (IOException e) {
                if (e.getCause() instanceof UnrecoverableKeyException) {
                    throw e; // the right type, the wrong password
                }
                last = last == null ? e : last;
            }
        }
        throw last;
    }

    private Certificate describe(Path file, String kind, String alias, X509Certificate x509, String usedBy) {
        Instant notAfter = x509.getNotAfter().toInstant();
        long days = Math.floorDiv(Duration.between(clock.instant(), notAfter).getSeconds(), 86_400);
        return new Certificate(file.toString(), kind, alias, name(x509.getSubjectX500Principal()),
                name(x509.getIssuerX500Principal()), notAfter, days, usedBy, null);
    }

    private static String name(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253);
    }

    private static Certificate problem(Path file, String kind, String usedBy, String problem) {
        return new Certificate(file.toString(), kind, null, null, null, null, 0, usedBy, problem);
    }
}
