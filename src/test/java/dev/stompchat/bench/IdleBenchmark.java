package dev.stompchat.bench;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Idle capacity: {@code bench.connections} connections, each in a room of
 * {@code bench.room-size} and subscribed to its error destination, heart-beating and
 * otherwise silent, held for {@code bench.duration}. Measures what the server holds for
 * them: resident memory and live heap before connecting and while held.
 */
final class IdleBenchmark {

	private final BenchmarkOptions options;

	private final ServerProcess server;

	private final Nicknames nicknames;

	IdleBenchmark(BenchmarkOptions options, int run) {
		this.options = options;
		this.server = new ServerProcess(options.serverPid());
		this.nicknames = new Nicknames(options, run);
	}

	IdleResult run() throws Exception {
		OptionalLong heapBefore = this.server.liveHeapBytes();
		long rssBefore = this.server.residentBytes();
		ClientCounters counters = new ClientCounters();
		try (StompConnector connector = new StompConnector(this.options)) {
			long connectStart = System.nanoTime();
			List<StompLoadClient> connections = connector.open(this.options.connections(),
					(i) -> new StompLoadClient(i, "idle-" + (i / this.options.roomSize()),
							this.nicknames.connect("idle", i), counters, DeliveryListener.NONE),
					(connection) -> {
						connection.subscribe(StompLoadClient.ROOM_SUBSCRIPTION,
								this.options.subscribeDestination(connection.room()));
						if (!this.options.errorDestination().isEmpty()) {
							connection.subscribe(StompLoadClient.ERROR_SUBSCRIPTION, this.options.errorDestination());
						}
					});
			long connectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectStart);
			try {
				long cutOffBefore = connections.stream().filter(StompLoadClient::isCutOff).count();
				ServerProcess.CpuSample clientBefore = ServerProcess.CpuSample.ofThisProcess();
				ServerProcess.CpuSample serverBefore = this.server.cpu();
				long holdEnds = System.nanoTime() + this.options.duration().toNanos();
				while (System.nanoTime() < holdEnds) {
					LockSupport.parkNanos(holdEnds - System.nanoTime());
				}
				double clientCpu = ServerProcess.CpuSample.ofThisProcess().coresSince(clientBefore);
				double serverCpu = this.server.cpu().coresSince(serverBefore);
				long closedDuringHold = connections.stream().filter(StompLoadClient::isCutOff).count() - cutOffBefore;
				long rssHeld = this.server.residentBytes();
				OptionalLong heapHeld = this.server.liveHeapBytes();
				StompConnector.ConnectionCounts counts = connector.counts();
				return new IdleResult(counts, connectMillis, this.options.duration().toMillis(), closedDuringHold,
						rssBefore, rssHeld, perConnection(rssHeld - rssBefore, counts.established()), boxed(heapBefore),
						boxed(heapHeld),
						(heapBefore.isPresent() && heapHeld.isPresent())
								? perConnection(heapHeld.getAsLong() - heapBefore.getAsLong(), counts.established())
								: null,
						clientCpu, serverCpu);
			}
			finally {
				connector.closeAll(connections);
			}
		}
	}

	private static Long perConnection(long bytes, int connections) {
		return (connections > 0) ? bytes / connections : null;
	}

	private static Long boxed(OptionalLong value) {
		return value.isPresent() ? value.getAsLong() : null;
	}

}
