package dev.conflux.security.internal;

import dev.conflux.security.api.ServiceAccount;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the container never runs with a known password.
 * <ul>
 * <li>On the first start (no {@code admin} line in users.properties) the admin password is taken from the
 * {@code conflux.admin.password} system property, or the owner-only file {@code data/security/admin.password} the
 * launcher ({@code bin/conflux}) hands {@code CONFLUX_ADMIN_PASSWORD} over in (read and deleted here, so the password
 * does not stay in the process environment), or the environment variable itself (a start behind the launcher's back);
 * when none is set one is generated and printed once on the console of the process that started Conflux.
 * Only its hash is stored.</li>
 * <li>At every start the internal service account gets a fresh random password (kept in memory). On a node of a
 * cluster (CONFLUX_CLUSTER_SECRET set) its password is derived from the cluster secret instead, so that every
 * node's flows are known to both brokers of the pair (docs/cluster.md).</li>
 * <li>At every start the secret files in {@code etc/} ({@link #SECRET_FILES}) are made readable by the owner only.</li>
 * </ul>
 */
@Component(immediate = true, service = ServiceAccount.class)
public class SecurityBootstrap implements ServiceAccount {

    static final String ADMIN_USER = "admin";
    static final String ADMIN_GROUP = "_g_:admingroup";
    static final String SERVICE_USER = "conflux-runtime";
    static final String SERVICE_GROUP = "_g_:servicegroup";

    /** Files in etc/ that hold secrets: owner-only, whatever the archive or an editor made of them. */
    static final List<String> SECRET_FILES = List.of("users.properties", "keys.properties", "host.key",
            "conflux-secret.key");

    private static final Logger LOG = LoggerFactory.getLogger(SecurityBootstrap.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private String servicePassword;
    private ManagedUsersWatch watch;

    @Deactivate
    void deactivate() {
        if (watch != null) {
            watch.close();
        }
    }

    @Activate
    void activate(BundleContext context) throws Exception {
        Path etc = Paths.get(System.getProperty("karaf.etc", "etc"));
        Path users = etc.resolve("users.properties");
        String password = servicePassword(System.getenv(CLUSTER_SECRET_VARIABLE));
        boolean generate = !"false".equalsIgnoreCase(System.getProperty("conflux.admin.password.generate", "true").strip());
        Path handedOver = Paths.get(System.getProperty("karaf.data", "data"), "security", "admin.password");
        try {
            Written written = write(users, configuredAdminPassword(handedOver), generate, password, System.out);
            ownerOnly(etc, SECRET_FILES);
            Map<String, String> mustExist = written.created() ? Map.of(ADMIN_USER, written.admin()) : Map.of();
            watch = new ManagedUsersWatch(users, mustExist, Map.of(SERVICE_USER, written.service()),
                    Duration.ofMinutes(10));
        } catch (MissingCredentialsException e) {
            // An environment that must not run with a generated password (prod) does not start without one.
            LOG.error(e.getMessage());
            System.err.println(e.getMessage());
            Thread stopper = new Thread(() -> {
                try {
                    context.getBundle(0).stop();
                } catch (Exception ignored) {
                    System.exit(2);
                }
            }, "conflux-refuse-start");
            stopper.start();
            throw e;
        }
        this.servicePassword = password;
    }

    /** The variable that holds the secret shared by the nodes of a cluster (see {@link #servicePassword}). */
    static final String CLUSTER_SECRET_VARIABLE = "CONFLUX_CLUSTER_SECRET";

    /**
     * The service account's password: random for a single instance; on a node of a cluster, HMAC-SHA256 of the
     * account's name under the cluster secret, the same on every node and not the secret itself (the brokers of
     * the pair also use the secret to authenticate each other).
     */
    static String servicePassword(String clusterSecret) {
        if (clusterSecret == null || clusterSecret.isEmpty()) {
            return Passwords.generate(32);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clusterSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] derived = mac.doFinal(("conflux service account " + SERVICE_USER).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(derived);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** No admin password was provided where one is required. */
    static final class MissingCredentialsException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MissingCredentialsException(String message) {
            super(message);
        }
    }

    static boolean bootstrap(Path users, String configuredAdminPassword, String servicePassword, PrintStream console)
            throws IOException {
        return bootstrap(users, configuredAdminPassword, true, servicePassword, console);
    }

    /** Does the work; returns true when the admin user was created now. */
    static boolean bootstrap(Path users, String configuredAdminPassword, boolean generate, String servicePassword,
            PrintStream console) throws IOException {
        return write(users, configuredAdminPassword, generate, servicePassword, console).created();
    }

    /** What the bootstrap wrote: whether it created the admin, and the lines of the admin and the service account. */
    record Written(boolean created, String admin, String service) {
    }

    static Written write(Path users, String configuredAdminPassword, boolean generate, String servicePassword,
            PrintStream console) throws IOException {
        // Hash first, then read, change and write at once: the file may be rewritten by Karaf meanwhile.
        String serviceHash = Passwords.hash(servicePassword);
        String adminHash = configuredAdminPassword == null ? null : Passwords.hash(configuredAdminPassword);
        UsersFile file = UsersFile.load(users);
        boolean created = false;
        if (!file.hasUser(ADMIN_USER)) {
            created = true;
            String adminPassword = configuredAdminPassword;
            if (adminPassword == null && !generate) {
                throw new MissingCredentialsException("Conflux refuses to start: this environment requires the admin"
                        + " password to be provided (conflux.admin.password.generate=false) and none was given."
                        + " Set CONFLUX_ADMIN_PASSWORD for the first start (only its hash is stored in " + users + ").");
            }
            if (adminPassword == null) {
                adminPassword = Passwords.generate(20);
                printOnce(console, adminPassword);
                LOG.warn("No admin password was given (CONFLUX_ADMIN_PASSWORD): generated one and printed it once"
                        + " on the console that started Conflux. Only its hash is stored in {}", users);
            } else {
                LOG.info("Created user '{}' with the password given in CONFLUX_ADMIN_PASSWORD", ADMIN_USER);
            }
            file.setUser(ADMIN_USER, adminHash != null ? adminHash : Passwords.hash(adminPassword), ADMIN_GROUP);
        }
        file.setUser(SERVICE_USER, serviceHash, SERVICE_GROUP);
        file.save();
        return new Written(created, file.line(ADMIN_USER), file.line(SERVICE_USER));
    }

    private static String configuredAdminPassword(Path handedOver) throws IOException {
        String fromFile = takeHandedOver(handedOver);
        String p = System.getProperty("conflux.admin.password");
        if (p == null || p.isBlank()) {
            p = fromFile;
        }
        if (p == null || p.isBlank()) {
            p = System.getenv("CONFLUX_ADMIN_PASSWORD");
        }
        return p == null || p.isBlank() ? null : p;
    }

    /** The password the launcher wrote for this start (first line), or null; the file is deleted in any case. */
    static String takeHandedOver(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            String first = content.lines().findFirst().orElse("");
            return first.isEmpty() ? null : first;
        } finally {
            Files.delete(file);
        }
    }

    /** Makes the files that exist of {@code names} in {@code dir} readable and writable by the owner only. */
    static void ownerOnly(Path dir, List<String> names) {
        for (String name : names) {
            Path f = dir.resolve(name);
            try {
                if (Files.isRegularFile(f) && !OWNER_ONLY.equals(Files.getPosixFilePermissions(f))) {
                    Files.setPosixFilePermissions(f, OWNER_ONLY);
                    LOG.info("{} was readable by others: now owner-only", f);
                }
            } catch (UnsupportedOperationException notPosix) {
                return; // Windows: the installation directory's ACL applies
            } catch (IOException e) {
                LOG.warn("Could not make {} owner-only: {}", f, e.toString());
            }
        }
    }

    private static void printOnce(PrintStream console, String password) {
        console.println();
        console.println("==================================================================");
        console.println(" Conflux first start: generated password for user '" + ADMIN_USER + "':");
        console.println();
        console.println("     " + password);
        console.println();
        console.println(" It is shown only this once and stored only as a hash.");
        console.println(" Change it with: jaas:realm-manage --realm karaf; jaas:user-add ...");
        console.println("==================================================================");
        console.println();
        console.flush();
    }

    @Override
    public String username() {
        return SERVICE_USER;
    }

    @Override
    public String password() {
        return servicePassword;
    }
}
