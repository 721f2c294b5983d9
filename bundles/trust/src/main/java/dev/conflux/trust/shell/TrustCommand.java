package dev.conflux.trust.shell;

import dev.conflux.runtime.api.Durations;
import dev.conflux.trust.api.TrustInventory;
import dev.conflux.trust.api.TrustReport;
import dev.conflux.trust.api.TrustReport.ApiKey;
import dev.conflux.trust.api.TrustReport.Certificate;
import dev.conflux.trust.api.TrustReport.Endpoint;
import dev.conflux.trust.api.TrustReport.Listener;
import dev.conflux.trust.api.TrustReport.Lockout;
import dev.conflux.trust.api.TrustReport.Secret;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "trust",
        description = "The trust inventory: every listener, service endpoint policy, certificate, API key, connector"
                + " secret and lockout. With no option every section; options pick sections")
@Service
public class TrustCommand implements Action {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    @Reference
    TrustInventory inventory;

    @Option(name = "--listeners", description = "Listeners: address, port, protocol, TLS, authentication")
    boolean listeners;

    @Option(name = "--endpoints", description = "Service endpoints and their authentication policy")
    boolean endpoints;

    @Option(name = "--certificates", description = "Keystore and truststore certificates with their expiry")
    boolean certificates;

    @Option(name = "--keys", description = "API keys issued to service consumers (never the key)")
    boolean keys;

    @Option(name = "--secrets", description = "Connector secrets, encrypted or in clear text (never the value)")
    boolean secrets;

    @Option(name = "--lockouts", description = "Login locks in force")
    boolean lockouts;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        TrustReport report = inventory.report();
        boolean all = !(listeners || endpoints || certificates || keys || secrets || lockouts);
        PrintStream out = System.out;
        if (all || listeners) {
            section(out, "Listeners", listeners(report));
        }
        if (all || endpoints) {
            section(out, "Service endpoints", endpoints(report));
        }
        if (all || certificates) {
            section(out, "Certificates (flagged: expired or expiring within " + TrustReport.EXPIRY_WARNING_DAYS
                    + " days)", certificates(report));
        }
        if (all || keys) {
            section(out, "API keys", apiKeys(report));
        }
        if (all || secrets) {
            section(out, "Connector secrets", secrets(report));
        }
        if (all || lockouts) {
            section(out, "Lockouts", lockouts(report));
        }
        if (!report.notes().isEmpty()) {
            out.println("Notes:");
            report.notes().forEach(n -> out.println("  " + n));
        }
        return null;
    }

    private void section(PrintStream out, String title, ShellTable table) {
        out.println(title);
        table.emptyTableText("(none)");
        table.print(out, !noFormat);
        out.println();
    }

    private static ShellTable listeners(TrustReport report) {
        ShellTable t = table("Listener", "Protocol", "Address", "Port", "TLS", "Authentication", "Keystore");
        for (Listener l : report.listeners()) {
            t.addRow().addContent(l.name(), l.protocol(), l.address(), l.port(),
                    l.tls() ? "yes" : "SSH".equals(l.protocol()) ? "no (SSH)" : "no", l.authentication(),
                    l.keystore() == null ? "" : l.keystore());
        }
        return t;
    }

    private static ShellTable endpoints(TrustReport report) {
        ShellTable t = table("Endpoint", "Policy", "Source", "Rate limit/s");
        for (Endpoint e : report.endpoints()) {
            t.addRow().addContent(e.endpoint(), e.policy(), e.source(), e.rateLimit() == 0 ? "none" : e.rateLimit());
        }
        return t;
    }

    private static ShellTable certificates(TrustReport report) {
        ShellTable t = table("Subject", "Issuer", "Expires", "Days left", "Flag", "Store", "Alias", "Used by");
        for (Certificate c : report.certificates()) {
            if (c.problem() != null) {
                t.addRow().addContent("", "", "", "", "UNREADABLE: " + c.problem(), c.store(), "", c.usedBy());
            } else {
                t.addRow().addContent(c.subject(), c.issuer(), DAY.format(c.notAfter()), c.daysLeft(),
                        c.daysLeft() < 0 ? "EXPIRED" : c.expiresSoon() ? "EXPIRES SOON" : "",
                        c.store() + " (" + c.kind() + ")", c.alias(), c.usedBy());
            }
        }
        return t;
    }

    private static ShellTable apiKeys(TrustReport report) {
        ShellTable t = table("Id", "Consumer", "Created", "Expires", "Last used", "State");
        for (ApiKey k : report.apiKeys()) {
            boolean expired = k.expires() != null && k.expires().isBefore(Instant.now());
            t.addRow().addContent(k.id(), k.consumer(), day(k.created()), k.expires() == null ? "never"
                    : day(k.expires()), k.lastUsed() == null ? "never" : Durations.ago(k.lastUsed()),
                    k.revoked() ? "revoked" : expired ? "expired" : "active");
        }
        return t;
    }

    private static ShellTable secrets(TrustReport report) {
        ShellTable t = table("Connector", "Type", "Key", "Stored", "Source");
        for (Secret s : report.secrets()) {
            t.addRow().addContent(s.connector(), s.type(), s.key(), s.encrypted() ? "encrypted" : "CLEAR TEXT",
                    s.source());
        }
        return t;
    }

    private static ShellTable lockouts(TrustReport report) {
        ShellTable t = table("Account or address", "Failures", "Since", "Until");
        for (Lockout l : report.lockouts()) {
            t.addRow().addContent(l.subject(), l.failures(), Durations.ago(l.since()),
                    l.until() == null ? "" : "in " + Durations.format(Duration.between(Instant.now(), l.until())));
        }
        return t;
    }

    private static ShellTable table(String... columns) {
        ShellTable t = new ShellTable();
        for (String c : columns) {
            t.column(c);
        }
        return t;
    }

    private static String day(Instant at) {
        return at == null ? "" : DAY.format(at);
    }
}
