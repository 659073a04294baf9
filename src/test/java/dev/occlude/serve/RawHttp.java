package dev.occlude.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A GET with a Host header of the test's choosing, which java.net.http will not send. */
final class RawHttp {
    private RawHttp() {}

    /** The whole answer, status line first. */
    static String get(String address, int port, String path, String host) throws IOException {
        try (Socket s = new Socket(address, port)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
