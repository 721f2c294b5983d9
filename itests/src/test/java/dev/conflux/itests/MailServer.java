package dev.conflux.itests;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * A real mail server of its own (GreenMail): SMTP and IMAP on free loopback ports, plain (no TLS), one account
 * whose login is its address. Can be stopped and started again on the same ports.
 */
final class MailServer implements AutoCloseable {

    final int smtpPort;
    final int imapPort;
    final String account;
    private final String password;
    private GreenMail mail;

    MailServer(String account, String password) {
        this.account = account;
        this.password = password;
        this.smtpPort = ConfluxDistribution.freePort();
        this.imapPort = ConfluxDistribution.freePort();
        start();
    }

    void start() {
        mail = new GreenMail(new ServerSetup[] {smtp(), new ServerSetup(imapPort, "127.0.0.1", "imap")});
        mail.withConfiguration(GreenMailConfiguration.aConfig().withUser(account, account, password));
        mail.start();
    }

    void stop() {
        mail.stop();
    }

    /** Waits for mails to arrive; false when fewer did within the time. */
    boolean awaitMails(long millis, int count) {
        return mail.waitForIncomingEmail(millis, count);
    }

    MimeMessage[] received() {
        return mail.getReceivedMessages();
    }

    /** Sends a plain text mail to the account over this server's SMTP, as a partner would. */
    void deliver(String from, String subject, String body) {
        GreenMailUtil.sendTextEmail(account, from, subject, body, smtp());
    }

    private ServerSetup smtp() {
        return new ServerSetup(smtpPort, "127.0.0.1", "smtp");
    }

    @Override
    public void close() {
        stop();
    }
}
