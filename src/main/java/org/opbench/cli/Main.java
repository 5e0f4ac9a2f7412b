package org.opbench.cli;

import java.io.PrintWriter;
import org.opbench.problem.Numbers;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code opbench} command. Exit codes: 0 success (a sweep with non-ok points still succeeds: their status is
 * the result), 1 a runtime failure, 2 a usage error (reported before anything is measured), 130/143 interrupted.
 */
@Command(name = "opbench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Times neural-network operators on every library and algorithm this machine offers, "
                + "checking each result against a reference.",
        subcommands = {ListCommand.class, RunCommand.class, SweepCommand.class, CsvCommand.class, NetworkCommand.class,
                ExportCommand.class, EstimateCommand.class, PeaksCommand.class, AnalyzeCommand.class,
                CompareCommand.class, ReportCommand.class, SystemCommand.class, ConvertCommand.class,
                MergeCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nFirst steps (in the opbench folder; each command has --help):%n",
        footer = {
            "  1. Sweep: time MobileNet-v1's layers on every backend this machine has",
            "       " + Main.FIRST_SWEEP,
            "  2. Look at the report: one HTML file with the plots, opens offline",
            "       " + Main.FIRST_REPORT,
            "  3. Compare two runs (before and after a change): what got faster or slower",
            "       " + Main.SECOND_SWEEP,
            "       " + Main.FIRST_COMPARE})
public final class Main implements Runnable {
    public static final int USAGE = 2;

    /** The first-steps commands of {@code opbench --help}, which the README's first screen repeats. */
    static final String FIRST_SWEEP = "./opbench sweep --out first.jsonl";
    static final String FIRST_REPORT = "./opbench report first.jsonl --html report.html";
    static final String SECOND_SWEEP = "./opbench sweep --out second.jsonl";
    static final String FIRST_COMPARE = "./opbench compare first.jsonl second.jsonl";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line with its output and error streams redirected (tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // one number parser for every option: ASCII digits only, finite decimals (no Infinity, NaN, 0x, suffixes)
        CommandLine.ITypeConverter<Integer> ints = s -> convert(() -> Numbers.parseInt(s));
        CommandLine.ITypeConverter<Long> longs = s -> convert(() -> Numbers.parseLong(s));
        CommandLine.ITypeConverter<Double> doubles = s -> convert(() -> Numbers.parseDouble(s));
        cl.registerConverter(Integer.class, ints).registerConverter(int.class, ints)
                .registerConverter(Long.class, longs).registerConverter(long.class, longs)
                .registerConverter(Double.class, doubles).registerConverter(double.class, doubles);
        cl.setParameterExceptionHandler((ex, argv) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("opbench: error: " + ex.getMessage() + " (see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof UsageError) {
                err.println("opbench: error: " + ex.getMessage());
                err.flush();
                return USAGE;
            }
            err.println("opbench: failed: " + (ex.getMessage() != null && !ex.getMessage().isBlank() ? ex.getMessage()
                    : "internal error " + ex.getClass().getSimpleName() + " (OPBENCH_DEBUG=1 shows where)"));
            if (System.getenv("OPBENCH_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cl;
    }

    private static <T> T convert(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Version from the jar manifest and the git commit. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"opbench " + org.opbench.env.OpbenchHome.version() + " (commit "
                    + org.opbench.env.OpbenchHome.gitCommit() + ")"};
        }
    }
}
