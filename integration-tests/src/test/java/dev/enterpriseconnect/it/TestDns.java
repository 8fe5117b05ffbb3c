package dev.enterpriseconnect.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DNS server on the loopback that answers TXT queries from a map a test fills (everything else:
 * NXDOMAIN). Started once with the shared Keycloak, which is told to ask it for setup-link domain proofs.
 */
final class TestDns implements AutoCloseable {

    private static final int TYPE_TXT = 16;
    private static TestDns shared;

    private final DatagramSocket socket;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Thread thread;

    private TestDns() {
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    static synchronized TestDns shared() {
        if (shared == null) {
            shared = new TestDns();
        }
        return shared;
    }

    /** {@code host:port} for Keycloak's dns-server setting. */
    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    void publishTxt(String name, String value) {
        txt.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new CopyOnWriteArrayList<>()).add(value);
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] answer = answer(packet.getData(), packet.getLength());
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private byte[] answer(byte[] query, int length) {
        if (length < 17) {
            return null;
        }
        // The question: labels from offset 12, then type and class.
        StringBuilder name = new StringBuilder();
        int at = 12;
        while (at < length && query[at] != 0) {
            int label = query[at] & 0xff;
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(query, at + 1, label, StandardCharsets.US_ASCII));
            at += label + 1;
        }
        int questionEnd = at + 5;
        int type = ((query[at + 1] & 0xff) << 8) | (query[at + 2] & 0xff);
        List<String> values = type == TYPE_TXT ? txt.get(name.toString().toLowerCase(Locale.ROOT)) : null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(query[0]);
        out.write(query[1]);
        out.write(0x80 | (query[2] & 0x01));                 // response, recursion desired copied
        out.write(values == null ? 0x83 : 0x80);             // recursion available; NXDOMAIN when nothing
        int count = values == null ? 0 : values.size();
        out.writeBytes(new byte[] {0, 1, 0, (byte) count, 0, 0, 0, 0});
        out.write(query, 12, questionEnd - 12);
        for (int i = 0; i < count; i++) {
            byte[] text = values.get(i).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(new byte[] {(byte) 0xc0, 12, 0, TYPE_TXT, 0, 1, 0, 0, 0, 30});
            out.write(0);
            out.write(text.length + 1);
            out.write(text.length);
            out.writeBytes(text);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        socket.close();
    }
}
