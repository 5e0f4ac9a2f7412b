package org.opbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the DevTools protocol with the JDK's own WebSocket client (no test dependency): one
 * page, JavaScript evaluated in it, real mouse events dispatched to it.
 */
final class DevTools implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process browser;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private String session;

    private DevTools(Process browser, WebSocket socket) {
        this.browser = browser;
        this.socket = socket;
    }

    /** Starts {@code chromium} with {@code profile} as its user data folder and opens {@code page}. */
    static DevTools open(Path chromium, Path profile, Path page, int width, int height) throws Exception {
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--remote-debugging-port=0", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile.toAbsolutePath(), "about:blank").redirectOutput(
                profile.resolveSibling(profile.getFileName() + ".out").toFile()).start();
        String ws = null;
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("DevTools listening on (ws://\\S+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; ws == null && System.nanoTime() < deadline && (line = err.readLine()) != null; ) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                ws = m.group(1);
            }
        }
        if (ws == null) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not open its DevTools socket");
        }
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // keep chromium's stderr from filling its pipe
                }
            } catch (IOException ignored) {
                // the browser went away
            }
        });
        drain.setDaemon(true);
        drain.start();
        DevTools[] self = new DevTools[1];
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(ws),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            self[0].receive(text.toString());
                            text.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        DevTools d = new DevTools(p, socket);
        self[0] = d;
        String target = d.call("Target.createTarget", Map.of("url", page.toUri().toString())).path("targetId")
                .asText();
        d.session = d.call("Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId")
                .asText();
        return d;
    }

    private void receive(String message) {
        try {
            JsonNode n = JSON.readTree(message);
            if (n.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
                if (f != null) {
                    f.complete(n);
                }
            }
        } catch (IOException e) {
            // not a message of ours
        }
    }

    /** Sends one command (to the page once attached) and waits for its result. */
    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode m = JSON.createObjectNode();
        m.put("id", id);
        m.put("method", method);
        m.set("params", JSON.valueToTree(params));
        if (session != null) {
            m.put("sessionId", session);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(m), true).get(30, TimeUnit.SECONDS);
        JsonNode r = f.get(60, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.path("result");
    }

    /** The value of a JavaScript expression in the page (JSON-serialisable values). */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Moves the mouse to a point of the viewport, as a user hovering there. */
    void hover(double x, double y) throws Exception {
        call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
    }

    /** Waits for {@code expression} to be true. */
    void await(String expression, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!eval(expression).asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + expression);
            }
            Thread.sleep(50);
        }
    }


    @Override
    public void close() throws InterruptedException {
        socket.abort();
        // Chromium's helper processes (zygote, renderer, GPU) write to the profile folder until they exit; a test's
        // temporary folder is deleted right after close, so wait for all of them, not only the browser process.
        java.util.List<ProcessHandle> helpers = browser.descendants().toList();
        browser.destroy();
        if (!browser.waitFor(10, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            browser.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle h : helpers) {
            h.destroy();
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            }
        }
    }
}
