package org.opbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opbench.result.HostInfo;
import org.opbench.result.PointRecord;
import org.opbench.result.Record;
import org.opbench.result.ResultFile;
import org.opbench.result.RunRecord;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;

/** Boards side by side: points grouped by the run record they follow, the best per layer and board, speed vs first. */
class BoardsTest {
    private static RunRecord run(String hostname, String fingerprint) {
        HostInfo host = new HostInfo(hostname, "cpu", 4, 4, "aarch64", List.of(), 4096L, "Linux", "6", null, null,
                "17");
        return new RunRecord(RunRecord.KIND, 1, "t", "t", List.of("opbench", "sweep"), "2026-01-01T00:00:00Z", false,
                1, host, Map.of(), null, Map.of(), "plan", null, fingerprint);
    }

    private static PointRecord point(String problem, String backend, String algorithm, double medianUs) {
        return PointRecord.builder().op("conv").problem(problem).layer(problem).network("n").repeat(1).batch(1)
                .backend(backend).algorithm(algorithm).tuner("none").threads(1).status(Status.OK)
                .timeUs(new TimeStats(medianUs, medianUs, medianUs, 0, medianUs, medianUs)).build();
    }

    @Test
    void eachBoardGetsItsBestPerLayerAndItsSpeedAgainstTheFirst() {
        List<Record> a = new ArrayList<>(List.of(run("server", "aaaa"), point("c1", "dnnl", "gemm", 10),
                point("c1", "reference", "direct", 1), point("c2", "dnnl", "direct", 40)));
        List<Record> b = new ArrayList<>(List.of(run("jetson", "bbbb"), point("c1", "acl", "winograd", 20),
                point("c1", "acl", "gemm", 40), point("c2", "reference", "direct", 160)));
        Boards boards = Boards.of(List.of(new ResultFile(Path.of("a"), a, List.of()),
                new ResultFile(Path.of("b"), b, List.of())));
        assertTrue(boards.several());
        assertEquals(List.of("aaaa", "bbbb"), boards.boards().stream().map(Boards.Board::fingerprint).toList());
        assertTrue(boards.boards().get(1).label().startsWith("jetson"));
        Boards.Layer c1 = boards.layers().get(0);
        assertEquals("dnnl/gemm", c1.best().get("aaaa").backend() + "/" + c1.best().get("aaaa").algorithm(),
                "the reference is the oracle, not a pick, where a library measured the layer");
        assertEquals("acl/winograd", c1.best().get("bbbb").backend() + "/" + c1.best().get("bbbb").algorithm());
        assertEquals("reference", boards.layers().get(1).best().get("bbbb").backend(), "the reference where alone");
        Boards.Versus v = boards.versusFirst().get("bbbb");
        assertEquals(2, v.layers());
        assertEquals(Math.sqrt(10.0 / 20 * 40.0 / 160), v.geomean(), 1e-12);
        assertEquals(1.0, boards.versusFirst().get("aaaa").geomean(), 1e-12);
        assertEquals(List.of("acl 1", "reference 1"), boards.winners().get("bbbb"));
    }

    @Test
    void oneKindOfMachineIsNotSeveralBoards() {
        Boards one = Boards.of(List.of(new ResultFile(Path.of("a"), List.of(run("x", "aaaa"),
                point("c1", "dnnl", "gemm", 10)), List.of()), new ResultFile(Path.of("b"), List.of(run("y", "aaaa"),
                point("c2", "dnnl", "gemm", 10)), List.of())));
        assertFalse(one.several());
        assertNull(one.layers().get(0).best().get("bbbb"));
    }
}
