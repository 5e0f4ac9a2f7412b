package org.opbench.supervisor;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Test job whose unit {@code u} does what {@code actions.get(u)} says: {@code ok} reports a record, {@code exit}
 * prints a line on standard error and exits with code 7, {@code kill} sends SIGKILL to its own JVM, {@code hang}
 * never returns, {@code early} makes the JVM exit with code 5 before it reports anything.
 */
record ScriptedJob(List<Integer> units, List<String> actions) implements Job<ScriptedJob> {
    ScriptedJob {
        units = List.copyOf(units);
        actions = List.copyOf(actions);
    }

    static ScriptedJob of(String... actions) {
        return new ScriptedJob(java.util.stream.IntStream.range(0, actions.length).boxed().toList(),
                List.of(actions));
    }

    @Override
    public ScriptedJob withUnits(List<Integer> remaining) {
        return new ScriptedJob(remaining, actions);
    }

    @Override
    public void execute(Sink sink) {
        for (int u : units) {
            String action = actions.get(u);
            if (action.equals("early")) {
                Runtime.getRuntime().halt(5);
            }
            sink.start(u);
            switch (action) {
                case "ok" -> sink.record(u, Map.of("unit", u, "pid", ProcessHandle.current().pid()));
                case "exit" -> {
                    System.err.println("boom at unit " + u);
                    System.err.flush();
                    Runtime.getRuntime().halt(7);
                }
                case "kill" -> killSelf();
                case "hang" -> sleep();
                default -> throw new IllegalArgumentException(action);
            }
        }
        sink.done();
    }

    private static void killSelf() {
        try {
            new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        sleep();
    }

    private static void sleep() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
