package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.result.ResultReader;
import org.opbench.result.RunRecord;
import org.yaml.snakeyaml.Yaml;

/**
 * Kubernetes cannot run here: its path is tested through the environment an Indexed Job gives each pod
 * ({@code JOB_COMPLETION_INDEX}, and {@code OPBENCH_SHARD_COUNT} from the manifest), and the manifest's fields are
 * checked against what opbench and the container image need.
 */
class KubernetesJobTest {
    static final Path MANIFEST = Path.of("deploy/kubernetes/opbench-sweep-job.yaml");
    static final Path CONTAINERFILE = Path.of("deploy/kubernetes/Containerfile");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) {
        assertTrue(o instanceof Map, what + " is a mapping: " + o);
        return (Map<String, Object>) o;
    }

    @Test
    void theManifestIsAnIndexedJobWhoseCountMatchesItsCompletions() throws Exception {
        Map<String, Object> job = map(new Yaml().load(Files.readString(MANIFEST)), "the manifest");
        assertEquals("batch/v1", job.get("apiVersion"));
        assertEquals("Job", job.get("kind"));
        Map<String, Object> spec = map(job.get("spec"), "spec");
        assertEquals("Indexed", spec.get("completionMode"));
        int completions = (Integer) spec.get("completions");
        assertTrue(completions >= 1 && (Integer) spec.get("parallelism") <= completions, spec.toString());
        Map<String, Object> pod = map(map(spec.get("template"), "template").get("spec"), "pod spec");
        assertEquals("Never", pod.get("restartPolicy"), "a failed shard is rerun with --resume, not restarted blind");
        List<?> containers = (List<?>) pod.get("containers");
        assertEquals(1, containers.size());
        Map<String, Object> c = map(containers.get(0), "container");
        Map<String, String> env = new HashMap<>();
        for (Object e : (List<?>) c.get("env")) {
            env.put((String) map(e, "env").get("name"), String.valueOf(map(e, "env").get("value")));
        }
        assertEquals(String.valueOf(completions), env.get(ShardOptions.COUNT_ENV),
                "the shard count opbench reads is the Job's completions");
        String args = String.join(" ", ((List<?>) c.get("args")).stream().map(String::valueOf).toList());
        assertTrue(args.contains("/opt/opbench/opbench.jar sweep"), args);
        assertTrue(args.contains("--out") && args.contains("$((JOB_COMPLETION_INDEX + 1))-of-${"
                + ShardOptions.COUNT_ENV + "}.jsonl"), "one file per shard, named as merge expects: " + args);
        String mount = (String) map(((List<?>) c.get("volumeMounts")).get(0), "mount").get("mountPath");
        assertTrue(args.contains("\"" + mount + "/shard-"), "the files go to the mounted volume: " + args);
        String containerfile = Files.readString(CONTAINERFILE);
        assertTrue(containerfile.contains("/opt/opbench/opbench.jar") && containerfile.contains("/opt/opbench/lib/")
                && containerfile.contains("/opt/opbench/tensors/"), "the image holds the jar, its libraries and the "
                + "shape sets the manifest's sweep names");
    }

    @Test
    void aPodWithJobCompletionIndexRunsTheSamePartAsShard(@TempDir Path dir) throws Exception {
        Path byIndex = dir.resolve("by-index.jsonl");
        List<String> cmd = new java.util.ArrayList<>(List.of(Fleet.opbenchScript(dir).toString()));
        cmd.addAll(Fleet.sweep("--out", byIndex.toString()));
        Map<String, String> env = new HashMap<>(Map.of("JOB_COMPLETION_INDEX", "1", ShardOptions.COUNT_ENV, "3"));
        Fleet.Run r = Fleet.run(withoutSlurm(cmd), env, 300);
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("shard 2/3 (from JOB_COMPLETION_INDEX=1 of 3)"), r.output());
        Path byFlag = dir.resolve("by-flag.jsonl");
        Cli c = Cli.run(Fleet.sweep("--shard", "2/3", "--out", byFlag.toString()).toArray(String[]::new));
        assertEquals(0, c.code(), c.err());
        RunRecord a = ResultReader.read(byIndex).runs().get(0);
        RunRecord b = ResultReader.read(byFlag).runs().get(0);
        assertEquals(b.shard(), a.shard());
        assertEquals(b.planDigest(), a.planDigest());
        // the same points (records arrive in the order points finish, as rounds are interleaved)
        assertEquals(new java.util.TreeSet<>(Fleet.keys(byFlag)), new java.util.TreeSet<>(Fleet.keys(byIndex)));
        assertEquals(Fleet.keys(byFlag).size(), Fleet.keys(byIndex).size());
    }

    /** {@code cmd} started with no Slurm array variables (in case the tests run inside a Slurm job). */
    private static List<String> withoutSlurm(List<String> cmd) {
        List<String> all = new java.util.ArrayList<>(List.of("env", "-u", "SLURM_ARRAY_TASK_ID"));
        all.addAll(cmd);
        return all;
    }
}
