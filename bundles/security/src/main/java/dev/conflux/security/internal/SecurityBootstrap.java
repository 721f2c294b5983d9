package dev.conflux.security.internal;

import dev.conflux.security.api.ServiceAccount;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the container never runs with a known password.
 * <ul>
 * <li>On the first start (no {@code admin} line in users.properties) the admin password is taken from the
 * {@code conflux.admin.password} system property or the {@code CONFLUX_ADMIN_PASSWORD} environment variable;
 * when neither is set one is generated and printed once on the console of the process that started Conflux.
 * Only its hash is stored.</li>
 * <li>At every start the internal service account gets a fresh random password (kept in memory).</li>
 * </ul>
 */
@Component(immediate = true, service = ServiceAccount.class)
public class SecurityBootstrap implements ServiceAccount {

    static final String ADMIN_USER = "admin";
    static final String ADMIN_GROUP = "_g_:admingroup";
    static final String SERVICE_USER = "conflux-runtime";
    static final String SERVICE_GROUP = "_g_:servicegroup";

    private static final Logger LOG = LoggerFactory.getLogger(SecurityBootstrap.class);

    private String servicePassword;

    @Activate
    void activate(BundleContext context) throws Exception {
        Path users = Paths.get(System.getProperty("karaf.etc", "etc"), "users.properties");
        String password = Passwords.generate(32);
        boolean generate = !"false".equalsIgnoreCase(System.getProperty("conflux.admin.password.generate", "true").strip());
        try {
            bootstrap(users, configuredAdminPassword(), generate, password, System.out);
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
            file.setUser(ADMIN_USER, Passwords.hash(adminPassword), ADMIN_GROUP);
        }
        file.setUser(SERVICE_USER, Passwords.hash(servicePassword), SERVICE_GROUP);
        file.save();
        return created;
    }

    private static String configuredAdminPassword() {
        String p = System.getProperty("conflux.admin.password");
        if (p == null || p.isBlank()) {
            p = System.getenv("CONFLUX_ADMIN_PASSWORD");
        }
        return p == null || p.isBlank() ? null : p;
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
