package org.coalitionledger.web.health;

import org.coalitionledger.support.LedgerApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The health endpoint answers every request on one reused HTTP/1.1 keep-alive connection. Reactor Netty before 1.3.8
 * could stop reading such a connection when a request arrived before the previous response's processing had ended
 * (it was buffered, then drained without re-arming the read): the client waited forever, typically after a few hundred
 * requests. One raw socket, a thousand requests one after another, each answer awaited with a 10 s read timeout: a
 * stalled connection fails the test by that timeout, never by a measured speed.
 */
@LedgerApplicationTest
class KeepAliveHealthTest {

    private static final int REQUESTS = 1000;

    @LocalServerPort
    int port;

    @Test
    void health_answered_aThousandTimesOnOneKeepAliveConnection() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            byte[] request = ("GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 1; i <= REQUESTS; i++) {
                out.write(request);
                out.flush();
                Response response;
                try {
                    response = Response.read(in);
                } catch (SocketTimeoutException stalled) {
                    fail("request " + i + " of " + REQUESTS + " on one keep-alive connection got no answer in 10 s");
                    return;
                }
                assertThat(response.status).as("request %d", i).isEqualTo(200);
                assertThat(response.body).as("request %d", i).contains("\"status\":\"UP\"");
                assertThat(response.closes).as("request %d: the server kept the connection open", i).isFalse();
            }
        }
    }

    /** One HTTP/1.1 response: status, whether the server closes the connection after it, and the body. */
    private record Response(int status, boolean closes, String body) {

        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closes = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (long size = Long.parseLong(line(in).split(";")[0].strip(), 16); size > 0;
                     size = Long.parseLong(line(in).split(";")[0].strip(), 16)) {
                    body.write(in.readNBytes((int) size));
                    line(in);
                }
                while (!line(in).isEmpty()) {
                    // trailers, none expected
                }
            } else if (length >= 0) {
                body.write(in.readNBytes((int) length));
            } else {
                throw new IOException("a keep-alive response needs a length or chunked encoding");
            }
            return new Response(status, closes, body.toString(StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}
