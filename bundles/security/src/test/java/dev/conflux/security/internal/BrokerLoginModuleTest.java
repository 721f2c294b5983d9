package dev.conflux.security.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.Test;

public class BrokerLoginModuleTest {

    private static Subject with(String... roles) {
        Subject s = new Subject();
        s.getPrincipals().add(new UserPrincipal("someone"));
        for (String role : roles) {
            s.getPrincipals().add(new RolePrincipal(role));
        }
        return s;
    }

    @Test
    public void onlyAdminsAndServiceAccountsHaveBrokerRights() {
        assertTrue(BrokerLoginModule.brokerRights(with("admin", "viewer")));
        assertTrue(BrokerLoginModule.brokerRights(with("broker")));
        assertFalse("a service consumer", BrokerLoginModule.brokerRights(with("consumer")));
        assertFalse("a console viewer", BrokerLoginModule.brokerRights(with("viewer", "ssh")));
        assertFalse("no roles", BrokerLoginModule.brokerRights(with()));
    }
}
