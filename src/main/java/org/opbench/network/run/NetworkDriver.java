package org.opbench.network.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opbench.network.NetLayers;
import org.opbench.network.ShapeInference;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.result.NetworkRecord;
import org.opbench.result.Record;
import org.opbench.result.ResultReader;
import org.opbench.result.Status;
import org.opbench.spi.Availability;
import org.opbench.supervisor.Client;
import org.opbench.supervisor.Supervisor;
import org.opbench.supervisor.WorkerSpec;

/**
 * Runs network jobs, one worker JVM per (backend, algorithm, threads), through the {@link Supervisor} like
 * operator sweeps: a batch whose worker dies or times out gets the supervisor's status. In list mode a new worker
 * goes on with the next batch; in auto mode the doubling stops there (the record's {@code auto_stop} says why).
 */
public final class NetworkDriver {
    /** Receives records as they arrive. */
    public interface Listener {
        /** A network or layer record. */
        void record(Record record);

        default void notice(String message) {
        }
    }

    private final NetworkBackends backends;
    private final ModelSource model;
    private final Listener listener;
    private final Supervisor supervisor;

    public NetworkDriver(NetworkBackends backends, WorkerSpec spec, ModelSource model, Listener listener) {
        this.backends = backends;
        this.model = model;
        this.listener = listener;
        this.supervisor = new Supervisor(spec);
    }

    public void run(List<NetworkJob> jobs) throws InterruptedException {
        for (NetworkJob job : jobs) {
            if (supervisor.aborted()) {
                return;
            }
            NetworkBackend backend = backends.get(job.backend());
            Availability a = backends.availability(backend);
            Batches client = new Batches(a);
            if (!a.available()) {
                supervisor.notMeasured(job, client, Status.UNAVAILABLE, a.reason());
            } else {
                supervisor.run(job, backend.workerEnvironment(job.threads(), supervisor.spec().cacheDir()), client);
            }
        }
    }

    public void abort() {
        supervisor.abort();
    }

    /** Network batches as a client of the supervisor. */
    private final class Batches implements Client<NetworkJob> {
        private final Availability availability;

        Batches(Availability availability) {
            this.availability = availability;
        }

        @Override
        public void record(NetworkJob job, int unit, JsonNode record) {
            listener.record(ResultReader.decode(record));
        }

        @Override
        public void notMeasured(NetworkJob job, int batch, Status status, String reason) {
            NetLayers layers = null;
            try {
                layers = ShapeInference.infer(model.graph(), batch, model.name());
            } catch (RuntimeException e) {
                // the record has no flops
            }
            NetworkDraft d = new NetworkDraft(job.network(), job, availability, batch, layers,
                    model.graph().parameterCount());
            listener.record(d.fail(status, reason, autoStop(job, status)));
        }

        /** Why auto mode stopped at a batch that was not measured; null in list mode. */
        private static String autoStop(NetworkJob job, Status status) {
            if (!job.network().auto()) {
                return null;
            }
            return status == Status.SKIPPED ? "memory" : status.id();
        }

        @Override
        public String describe(NetworkJob job, int batch) {
            return job.backend() + " batch " + batch;
        }

        @Override
        public void notice(String message) {
            listener.notice(message);
        }
    }
}
