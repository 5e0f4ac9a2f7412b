package org.opbench.network.run;

import java.util.List;
import java.util.Map;
import org.opbench.measure.MeasureSettings;
import org.opbench.supervisor.Job;
import org.opbench.supervisor.Sink;

/**
 * The batches of one whole-network measurement on one network backend (algorithm, threads), measured by one
 * worker. Each batch size is a unit; its records are the {@code network} record and then its {@code layer} records.
 */
public record NetworkJob(String backend, int threads, MeasureSettings settings, long seed, Map<String, String> options,
                         NetworkTask network) implements Job<NetworkJob> {
    public NetworkJob {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    @Override
    public List<Integer> units() {
        return network.batches();
    }

    @Override
    public NetworkJob withUnits(List<Integer> remaining) {
        return new NetworkJob(backend, threads, settings, seed, options, network.withBatches(remaining));
    }

    @Override
    public void execute(Sink sink) {
        NetworkWorker.run(this, sink);
    }
}
