package org.opbench.backend.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.cli.Main;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;
import org.opbench.result.Status;

/**
 * Every NEON operator and convolution algorithm of ACL 20.08 against the reference, in arm64 workers run by
 * {@code qemu-aarch64-static} through the sweep's worker launcher (the worker compares each output with the
 * reference: {@code ok} means within the tolerance, a wrong answer would be {@code mismatch}). Which algorithm
 * ACL 20.08 implements for which shape is pinned: every other pair must be {@code unsupported} with ACL's reason.
 */
class AclEmulatedTest {
    static final String[] FAST = {"--reps", "1", "--min-time", "0", "--warmup", "0", "-q"};

    private static ResultFile sweep(AclEmulation.Setup s, Path out, String... axes) throws IOException {
        return sweep(s, s.qemu(), out, axes);
    }

    private static ResultFile sweep(AclEmulation.Setup s, String launcher, Path out, String... axes)
            throws IOException {
        List<String> args = new ArrayList<>(List.of(axes));
        args.addAll(List.of("--backends", "acl", "--worker-launcher", launcher, "--worker-java", s.java(),
                "--worker-classpath", s.classPath(), "--point-timeout", "120", "--out", out.toString()));
        args.addAll(List.of(FAST));
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(String[]::new));
        assertEquals(0, code, err.toString());
        return ResultReader.read(out);
    }

    private static void assertEmulatedAcl(ResultFile r, AclEmulation.Setup s) {
        Map<String, Object> settings = r.runs().get(0).settings();
        assertEquals(s.qemu(), ((List<?>) settings.get("worker_launcher")).get(0));
        assertEquals(Boolean.TRUE, settings.get("workers_emulated"));
        for (PointRecord p : r.points()) {
            String where = p.layer() + "/" + p.algorithm() + ": ";
            assertEquals(Boolean.TRUE, p.emulated(), where + "a point measured under qemu is marked emulated");
            assertTrue(String.valueOf(p.details().get("emulation")).contains("qemu-aarch64"), where + p.details());
            assertEquals("20.08", p.backendVersion(), where + "the worker's own probe of ACL");
            boolean opencl = p.algorithm().startsWith("cl");
            assertTrue(p.status() == Status.OK || p.status() == Status.UNSUPPORTED || opencl, where + p.status()
                    + " " + p.reason());
            if (p.status() == Status.OK) {
                assertTrue(p.impl().startsWith("NE"), where + p.impl());
                assertTrue(p.relErr() <= p.tolerance(), where + p.relErr());
            }
        }
    }

    @Test
    void everyNeonOperatorAndAlgorithmAgainstTheReference(@TempDir Path dir) throws IOException {
        AclEmulation.Setup s = AclEmulation.require();
        ResultFile r = sweep(s, dir.resolve("acl.jsonl"), "sweep", "--tensors", AclExpectations.setFile(dir).toString(),
                "--algorithms", String.join(",", AclExpectations.NEON_CONV), "--threads", "2");
        assertEmulatedAcl(r, s);
        Set<String> opsOk = new HashSet<>();
        int conv = 0;
        for (PointRecord p : r.points()) {
            String key = p.layer() + "/" + p.algorithm();
            if (p.op().equals("conv")) {
                conv++;
                boolean expected = AclExpectations.computes(p.layer(), p.op(), p.algorithm());
                assertEquals(expected ? Status.OK : Status.UNSUPPORTED, p.status(), key + ": " + p.reason());
                if (p.algorithm().equals("auto") && p.status() == Status.OK) {
                    assertTrue(p.impl().matches("NEConvolutionLayer:(GEMM|DIRECT|WINOGRAD|FFT)|"
                            + "NEDepthwiseConvolutionLayer"), key + " records the library's choice: " + p.impl());
                }
            } else {
                assertEquals(Status.OK, p.status(), key + ": " + p.reason());
            }
            String reason = AclExpectations.REASONS.get(key);
            if (reason != null) {
                assertTrue(p.reason().contains(reason), key + ": " + p.reason());
            }
            if (p.status() == Status.OK) {
                opsOk.add(p.op());
                assertEquals(2, p.details().get("threads"), key + ": ACL's scheduler runs the requested threads");
            }
        }
        assertEquals(AclExpectations.CONV_OK.size() * AclExpectations.NEON_CONV.size(), conv,
                "every conv layer with every NEON algorithm");
        assertEquals(Set.of("conv", "fc", "pool", "softmax"), opsOk);
    }

    @Test
    void fastMathLetsWinogradTakeLargerTiles(@TempDir Path dir) throws IOException {
        AclEmulation.Setup s = AclEmulation.require();
        ResultFile r = sweep(s, dir.resolve("fm.jsonl"), "run", "--op", "conv", "--shape",
                "mb1ic4ih6iw6oc6kh5kw5ph2pw2n\"k5\"", "--shape", "mb1ic8ih16oc8kh3ph1n\"k3\"", "--algorithms",
                "winograd", "--option", "acl.fast_math=true");
        assertEmulatedAcl(r, s);
        assertEquals(2, r.points().size());
        for (PointRecord p : r.points()) {
            assertEquals(Status.OK, p.status(), p.layer() + ": " + p.reason());
            assertEquals("NEWinogradConvolutionLayer", p.impl());
            assertEquals(Boolean.TRUE, p.details().get("fast_math"));
            assertEquals(5e-3, p.tolerance(), "Winograd's looser tolerance");
            assertEquals(p.threads(), p.details().get("threads"), "the threads asked for (default: all cores)");
        }
    }

    /**
     * int8 and f16 points of a sweep in emulated workers: int8 convolutions (GEMM and depthwise, stride 2, batch 3),
     * pooling, and fc as a GEMM convolution, within one level of the int8 reference, with the benchdnn --dt of the
     * point; ACL's refusals
     * (QASYMM8 in the direct function, per-channel weights in the fully connected function) are unsupported with
     * ACL's reason; f16 is computed within its tolerance where the library has F16 kernels, else refused by ACL's
     * validate() (Debian's arm64-v8a build), never timed as f32.
     */
    @Test
    void int8AndF16PointsAgainstTheReference(@TempDir Path dir) throws IOException {
        AclEmulation.Setup s = AclEmulation.require();
        Path set = dir.resolve("int8.txt");
        Files.writeString(set, """
                @network acl-int8
                conv mb1ic3ih7iw9oc5kh3kw3sh1sw1ph1pw1n"odd_pad"
                conv mb1ic16ih9iw9oc16kh3kw3sh2sw2ph1pw1g16n"dw_stride2"
                conv mb3ic32ih7iw7oc24kh1kw1n"pointwise_batch3"
                fc mb2ic3ih5iw7oc9n"fc_spatial"
                pool avg_p:mb1ic3ih7iw7oh4ow4kh3kw3sh2sw2ph1pw1n"avg_p_pad"
                pool max:mb1ic5ih9iw9oh5ow5kh3kw3sh2sw2ph1pw1n"max_pad"
                """);
        ResultFile r = sweep(s, dir.resolve("int8.jsonl"), "sweep", "--tensors", set.toString(), "--dtype", "int8,f16",
                "--algorithms", "auto,direct,gemm-conv", "--threads", "2");
        assertEmulatedAcl(r, s);
        int int8Ok = 0;
        for (PointRecord p : r.points()) {
            String key = p.layer() + "/" + p.algorithm();
            String where = p.dtype() + " " + key + ": ";
            if (p.dtype().equals("int8")) {
                assertEquals(p.op().equals("pool") ? "u8" : "u8:s8:u8", p.dt(), where);
                boolean expected = AclExpectations.computesInt8(p.layer(), p.op(), p.algorithm());
                assertEquals(expected ? Status.OK : Status.UNSUPPORTED, p.status(), where + p.reason());
                if (p.status() == Status.OK) {
                    int8Ok++;
                    double levels = ((Number) p.details().get("error_levels")).doubleValue();
                    assertTrue(levels <= 1.001, where + levels + " levels");
                }
                String reason = AclExpectations.INT8_REASONS.get(key);
                if (reason != null) {
                    assertTrue(p.reason().contains(reason), where + p.reason());
                }
            } else {
                assertEquals("f16", p.dtype(), where);
                assertTrue(p.status() == Status.OK || p.status() == Status.UNSUPPORTED, where + p.status());
                if (p.status() == Status.UNSUPPORTED && !p.algorithm().equals("direct")) {
                    assertTrue(p.reason().contains(AclExpectations.F16_NOT_BUILT), where + p.reason());
                }
            }
        }
        assertEquals(6, int8Ok, "int8: 3 conv (auto), fc (gemm-conv) and 2 pool layers; no direct function in int8");
    }

    /**
     * The OpenCL path on Debian 12's PoCL 3.1 (arm64, under qemu): OpenCL loads and CLScheduler initialises, then ACL
     * 20.08 refuses the device when it builds its first kernel, since it needs OpenCL 2.0 or
     * cl_arm_non_uniform_work_group_size and PoCL 3.1 reports OpenCL 3.0 without non-uniform work-groups. The points
     * are failed with ACL's own reason, never hidden; on a board whose OpenCL driver has either, they run.
     */
    @Test
    void openClOnPoclIsRefusedByAclWithItsReason(@TempDir Path dir) throws IOException {
        AclEmulation.Setup s = AclEmulation.require();
        Path root = AclEmulation.requireOpenCl();
        Path set = dir.resolve("cl.txt");
        Files.writeString(set, """
                @network cl
                conv mb1ic3ih8oc4kh3ph1n"conv"
                pool max:mb1ic4ih8oh4kh2sh2n"pool"
                """);
        ResultFile r = sweep(s, s.qemu() + " -L " + root, dir.resolve("cl.jsonl"), "sweep", "--tensors",
                set.toString(), "--algorithms", "cl-direct,cl", "--tuners", "none,cltuner-rapid");
        assertEmulatedAcl(r, s);
        assertEquals(4, r.points().size());
        for (PointRecord p : r.points()) {
            String where = p.layer() + "/" + p.algorithm() + "/" + p.tuner() + ": ";
            assertEquals(Status.FAILED, p.status(), where + p.reason());
            assertTrue(p.reason().contains("Non uniform workgroup size is not supported"), where + p.reason());
            assertTrue(p.reason().contains(p.op().equals("conv") ? "CLDirectConvolutionLayer" : "CLPoolingLayer"),
                    where + p.reason());
        }
    }
}
