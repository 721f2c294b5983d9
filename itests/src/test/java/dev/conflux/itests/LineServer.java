package dev.conflux.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The line service the archetype's generated "lines" connector talks to, on a free loopback port: "AUTH TOKEN",
 * answered OK or DENIED, then one line, answered "echo: LINE".
 */
final class LineServer implements AutoCloseable {

    private final ServerSocket server;

    LineServer(String token) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> serve(token), "line-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(String token) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
                out.write(("AUTH " + token).equals(in.readLine()) ? "OK\n" : "DENIED\n");
                out.flush();
                out.write("echo: " + in.readLine() + "\n");
                out.flush();
            } catch (IOException e) {
                // closed, or the next connection
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
