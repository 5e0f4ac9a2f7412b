package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultReader;
import org.opbench.result.Status;

/**
 * --worker-launcher "ssh ..." against a real sshd on 127.0.0.1 (deploy/ci-sshd.sh: a high port, keys made for the
 * test, no password): points come back checked, a worker killed on the far side is a failed point, and an ssh that
 * cannot connect is one clear error before anything is measured.
 */
class SshLauncherTest {
    @TempDir
    static Path dir;
    static String launcher;

    static boolean sshdUsable() {
        return "root".equals(System.getProperty("user.name")) && Fleet.onPath("ssh") && Fleet.onPath("ssh-keygen")
                && (Fleet.onPath("sshd") || Files.isExecutable(Path.of("/usr/sbin/sshd")));
    }

    @BeforeAll
    static void startSshd() throws Exception {
        Assumptions.assumeTrue(sshdUsable(), "no sshd test here: needs root, sshd (openssh-server), ssh and "
                + "ssh-keygen (openssh-client)");
        Path sshd = dir.resolve("sshd");
        Fleet.Run r = Fleet.run(List.of("deploy/ci-sshd.sh", "start", sshd.toString(), String.valueOf(freePort())),
                Map.of(), 60);
        assertEquals(0, r.code(), r.output());
        String[] portKey = r.output().strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
        launcher = ssh(portKey[0], portKey[1]);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (launcher != null) {
            Fleet.run(List.of("deploy/ci-sshd.sh", "stop", dir.resolve("sshd").toString()), Map.of(), 30);
        }
    }

    private static String ssh(String port, String key) {
        return "ssh -p " + port + " -i " + key + " -o BatchMode=yes -o StrictHostKeyChecking=no "
                + "-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR 127.0.0.1";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void pointsComeBackCheckedThroughSsh() {
        Path out = dir.resolve("ssh.jsonl");
        Cli c = Cli.run(Fleet.sweep("--worker-launcher", launcher, "--worker-env-inline", "--out", out.toString())
                .toArray(String[]::new));
        assertEquals(0, c.code(), c.err());
        List<PointRecord> points = ResultReader.read(out).points();
        assertEquals(Fleet.SHAPES.size(), points.size());
        for (PointRecord p : points) {
            assertEquals(Status.OK, p.status(), p.reason());
            assertNotNull(p.relErr(), "checked against the reference");
        }
        var settings = ResultReader.read(out).runs().get(0).settings();
        assertEquals(List.of(launcher.split(" ")), settings.get("worker_launcher"));
        assertEquals(Boolean.TRUE, settings.get("worker_env_inline"));
    }

    @Test
    void aWorkerKilledOnTheFarSideIsAFailedPoint() throws IOException {
        Path set = dir.resolve("faults.txt");
        Files.writeString(set, "@network faults\nconv mb1ic3ih6oc4kh3n\"ok1\"\nconv mb1ic4ih6oc4kh3n\"killed\"\n"
                + "conv mb1ic5ih6oc4kh3n\"ok2\"\n");
        Path out = dir.resolve("killed.jsonl");
        Cli c = Cli.run("sweep", "--tensors", set.toString(), "--backends", "faulty", "--worker-launcher", launcher,
                "--worker-env-inline", "--out", out.toString(), "--reps", "1", "--min-time", "0", "--warmup", "0",
                "-q");
        assertEquals(0, c.code(), c.err());
        // records arrive in the order points finish (rounds are interleaved): compare them by layer
        java.util.Map<String, Status> statuses = new java.util.TreeMap<>();
        ResultReader.read(out).points().forEach(p -> statuses.put(p.layer(), p.status()));
        assertEquals(java.util.Map.of("ok1", Status.OK, "killed", Status.FAILED, "ok2", Status.OK), statuses, c.err());
    }

    @Test
    void anSshThatCannotConnectIsOneClearError() throws IOException {
        Path out = dir.resolve("refused.jsonl");
        String closed = ssh(String.valueOf(freePort()), dir.resolve("sshd/client_key").toString());
        Cli c = Cli.run(Fleet.sweep("--worker-launcher", closed, "--out", out.toString()).toArray(String[]::new));
        assertEquals(2, c.code(), c.err());
        String first = c.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("opbench: error: --worker-launcher cannot start workers") && first.contains(
                "Connection refused"), c.err());
        assertEquals(1, c.err().lines().count(), "one line: " + c.err());
        assertFalse(Files.exists(out) && Files.size(out) > 0, "nothing written");
    }
}
