package dev.enterpriseconnect.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.enterpriseconnect.testbed.KeycloakProcess;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) in the test JVM, and the emails Keycloak sent it, per recipient.
 * A test class registers one ({@code @RegisterExtension static final Mailbox mailbox = new Mailbox();})
 * and it stops after the class.
 */
final class Mailbox implements AfterAllCallback {

    private static final Pattern INVITATION_LINK = Pattern.compile("https?://[^\\s\"<>]*/enterprise-invitation\\?token=[A-Za-z0-9._-]+");

    private final GreenMail server;
    private final int port;

    Mailbox() {
        port = KeycloakProcess.freePort();
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Realm representation field that points the realm's email at this server. */
    String realmSmtpJson() {
        return ",\"smtpServer\":{\"host\":\"127.0.0.1\",\"port\":\"" + port + "\",\"from\":\"noreply@saas.test\","
                + "\"fromDisplayName\":\"SaaS\"}";
    }

    /** Waits up to 10 s until {@code address} has received {@code count} emails; returns them all. */
    List<Email> awaitEmails(String address, int count) throws Exception {
        return awaitEmails(address, count, Duration.ofSeconds(10));
    }

    /** Waits up to {@code timeout} until {@code address} has received {@code count} emails; returns them all. */
    List<Email> awaitEmails(String address, int count, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (true) {
            List<Email> emails = emailsTo(address);
            if (emails.size() >= count || System.currentTimeMillis() > deadline) {
                if (emails.size() < count) {
                    throw new AssertionError(address + " received " + emails.size() + " emails, expected " + count);
                }
                return emails;
            }
            Thread.sleep(100);
        }
    }

    /** What {@code address} has received so far. */
    List<Email> emailsTo(String address) throws Exception {
        List<Email> emails = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            boolean toAddress = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(r -> r.toString().equalsIgnoreCase(address));
            if (toAddress) {
                emails.add(Email.of(message));
            }
        }
        return emails;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    record Email(String subject, String text, String html) {

        static Email of(MimeMessage message) throws MessagingException, IOException {
            String[] bodies = new String[2];
            collect(message, bodies);
            return new Email(message.getSubject(), bodies[0], bodies[1]);
        }

        private static void collect(Part part, String[] bodies) throws MessagingException, IOException {
            if (part.isMimeType("text/plain")) {
                bodies[0] = (String) part.getContent();
            } else if (part.isMimeType("text/html")) {
                bodies[1] = (String) part.getContent();
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child, bodies);
                }
            }
        }

        /** The invitation link in the text part; the HTML part must carry the same one. */
        String invitationLink() {
            Matcher text = INVITATION_LINK.matcher(this.text);
            Matcher html = INVITATION_LINK.matcher(this.html);
            if (!text.find() || !html.find()) {
                throw new AssertionError("No invitation link in both parts:\n" + this.text + "\n" + this.html);
            }
            if (!text.group().equals(html.group())) {
                throw new AssertionError("Text and HTML links differ: " + text.group() + " / " + html.group());
            }
            return text.group();
        }
    }
}
