package dev.enterpriseconnect.testbed;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * The demo's mail server: GreenMail takes whatever Keycloak sends over SMTP, and a small web page
 * shows it, so a person can open an invitation and click its link. Nothing leaves the machine.
 *
 * <ul>
 * <li>{@code GET /}: the messages, newest first (recipient, subject, time);</li>
 * <li>{@code GET /messages/{n}}: message n (1 = the first received) as the email's own HTML;</li>
 * <li>{@code GET /messages}: the same as JSON, {@code [{"number","to","subject","receivedAt","links"}]},
 * for scripts.</li>
 * </ul>
 */
public final class DemoMailbox implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+");

    private final GreenMail smtp;
    private final HttpServer web;
    private final int smtpPort;

    private DemoMailbox(GreenMail smtp, HttpServer web, int smtpPort) {
        this.smtp = smtp;
        this.web = web;
        this.smtpPort = smtpPort;
    }

    /** SMTP on {@code 127.0.0.1:smtpPort}, the page on {@code localhost:webPort}. */
    public static DemoMailbox start(int smtpPort, int webPort) throws IOException {
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", webPort), 0);
        DemoMailbox mailbox = new DemoMailbox(smtp, web, smtpPort);
        web.createContext("/", mailbox::handle);
        web.start();
        return mailbox;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public URI url() {
        return URI.create("http://localhost:" + web.getAddress().getPort());
    }

    /** The realm representation's {@code smtpServer}, pointing at this mailbox. */
    public ObjectNode realmSmtpServer() {
        ObjectNode smtpServer = JSON.createObjectNode();
        smtpServer.put("host", "127.0.0.1");
        smtpServer.put("port", String.valueOf(smtpPort));
        smtpServer.put("from", "noreply@acme.test");
        smtpServer.put("fromDisplayName", "Acme (demo)");
        return smtpServer;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "GET only");
            } else if (path.equals("/")) {
                send(exchange, 200, "text/html", listPage());
            } else if (path.equals("/messages")) {
                send(exchange, 200, "application/json", listJson());
            } else if (path.matches("/messages/\\d{1,6}")) {
                int number = Integer.parseInt(path.substring("/messages/".length()));
                MimeMessage[] messages = smtp.getReceivedMessages();
                if (number < 1 || number > messages.length) {
                    send(exchange, 404, "text/plain", "No message " + number);
                } else {
                    send(exchange, 200, "text/html", messagePage(messages[number - 1]));
                }
            } else {
                send(exchange, 404, "text/plain", "Not found");
            }
        } catch (MessagingException e) {
            throw new IOException(e);
        }
    }

    private String listPage() throws MessagingException, IOException {
        MimeMessage[] messages = smtp.getReceivedMessages();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Demo mailbox</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em 1em;text-align:left}</style></head><body>"
                + "<h1>Demo mailbox</h1><p>Every email the demo's Keycloak sent (SMTP 127.0.0.1:" + smtpPort
                + "), newest first. Reload to see new ones.</p>");
        if (messages.length == 0) {
            html.append("<p id=\"empty\">No email yet.</p>");
        } else {
            html.append("<table><tr><th>To</th><th>Subject</th><th>Received</th></tr>");
            for (int i = messages.length; i >= 1; i--) {
                MimeMessage message = messages[i - 1];
                html.append("<tr><td>").append(escape(recipients(message))).append("</td><td><a class=\"message\" href=\"/messages/")
                        .append(i).append("\">").append(escape(String.valueOf(message.getSubject()))).append("</a></td><td>")
                        .append(escape(String.valueOf(message.getReceivedDate()))).append("</td></tr>");
            }
            html.append("</table>");
        }
        return html.append("</body></html>").toString();
    }

    private static String messagePage(MimeMessage message) throws MessagingException, IOException {
        String[] bodies = new String[2];
        collect(message, bodies);
        String header = "<p style=\"font-family:sans-serif\"><a href=\"/\">&larr; Demo mailbox</a> &middot; To "
                + escape(recipients(message)) + " &middot; <b>" + escape(String.valueOf(message.getSubject())) + "</b></p><hr>";
        // The email's own HTML, as a mail client would show it (it comes from our Keycloak).
        return header + (bodies[1] != null ? bodies[1] : "<pre>" + escape(String.valueOf(bodies[0])) + "</pre>");
    }

    private String listJson() throws MessagingException, IOException {
        ArrayNode list = JSON.createArrayNode();
        MimeMessage[] messages = smtp.getReceivedMessages();
        for (int i = 0; i < messages.length; i++) {
            String[] bodies = new String[2];
            collect(messages[i], bodies);
            ObjectNode node = list.addObject();
            node.put("number", i + 1);
            node.put("to", recipients(messages[i]));
            node.put("subject", messages[i].getSubject());
            node.put("receivedAt", messages[i].getReceivedDate() == null ? "" : messages[i].getReceivedDate().toInstant().toString());
            ArrayNode links = node.putArray("links");
            Matcher matcher = LINK.matcher(bodies[0] == null ? "" : bodies[0]);
            while (matcher.find()) {
                links.add(matcher.group());
            }
        }
        return JSON.writeValueAsString(list);
    }

    private static String recipients(MimeMessage message) throws MessagingException {
        var to = message.getRecipients(Message.RecipientType.TO);
        return to == null ? "" : Arrays.stream(to).map(Object::toString).collect(Collectors.joining(", "));
    }

    private static void collect(Part part, String[] bodies) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = (String) part.getContent();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), bodies);
            }
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        web.stop(0);
        smtp.stop();
    }
}
