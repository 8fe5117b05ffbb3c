package dev.enterpriseconnect.console.setuplink;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * TXT records through the JDK's DNS client. {@code server} ({@code host:port}) is the provider
 * setting {@code dns-server}; without it the system's resolvers answer. A failed lookup is no record.
 */
final class DnsTxtLookup {

    private final String server;

    DnsTxtLookup(String server) {
        this.server = server == null || server.isBlank() ? null : server.strip();
    }

    List<String> txt(String name) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(DirContext.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put(DirContext.PROVIDER_URL, server == null ? "dns:" : "dns://" + server);
        // A page waits on this: one second, two tries, then "not found yet".
        env.put("com.sun.jndi.dns.timeout.initial", "1000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        List<String> values = new ArrayList<>();
        DirContext context = null;
        try {
            context = new InitialDirContext(env);
            Attributes attributes = context.getAttributes(name, new String[] {"TXT"});
            Attribute txt = attributes.get("TXT");
            if (txt != null) {
                NamingEnumeration<?> all = txt.getAll();
                while (all.hasMore()) {
                    values.add(unquote(String.valueOf(all.next())));
                }
            }
        } catch (NamingException e) {
            return List.of();
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException ignored) {
                    // nothing held
                }
            }
        }
        return values;
    }

    /** The JDK gives a TXT record's strings quoted and space-separated; a record split in 255-byte strings is joined. */
    static String unquote(String value) {
        String v = value.strip();
        if (!v.startsWith("\"")) {
            return v;
        }
        StringBuilder joined = new StringBuilder();
        for (String part : v.split("\"\\s*\"")) {
            joined.append(part.replace("\"", ""));
        }
        return joined.toString();
    }
}
