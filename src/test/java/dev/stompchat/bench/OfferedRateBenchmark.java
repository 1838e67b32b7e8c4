package dev.stompchat.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

/**
 * Messages at an offered rate, for the fan-out, overload and many-rooms scenarios. Each
 * message carries a marker {@code bench:<step>:<sequence>:<nanos>} in its text; a
 * receiver that reads it records the time since it was sent. Senders and receivers live
 * in this process, so their clocks agree. Each SEND asks for a receipt
 * {@code r<step>.<sequence>}; RECEIPT frames and refusals count in the step of the
 * message they answer, so that a step's published, refused, accepted, receipts and
 * expected deliveries are all about its own messages, however late the answers to the
 * warm-up come. A refusal that names no receipt (any, with {@code bench.receipts=false};
 * an ERROR frame without a {@code receipt-id}) counts in the step being warmed up or
 * measured when it arrives.
 * <ul>
 * <li>fan-out and overload: {@code bench.publishers} share each rate of
 * {@code bench.rates} in turn, sending to room {@code bench}, which
 * {@code bench.subscribers} receive.</li>
 * <li>many-rooms: {@code bench.connections} in rooms of {@code bench.room-size}; each
 * sends {@code bench.per-connection-rate} messages a second to its room, their turns
 * spread evenly, and receives its room, its own messages included.</li>
 * <li>cluster-fan-out: fan-out with the subscribers spread in turn over the instances of
 * {@code bench.url}, the publishers on the first, so that every message crosses the
 * broker the instances share; the CPU of each instance ({@code bench.server-pid}) and of
 * the broker ({@code bench.broker-pid}) is measured too.</li>
 * </ul>
 */
final class OfferedRateBenchmark {

	static final String FAN_OUT_ROOM = "bench";

	private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private final BenchmarkOptions options;

	private final ServerProcess server;

	private final List<ServerProcess> instances;

	private final ServerProcess broker;

	private final StepLatencies latencies = new StepLatencies();

	private final ClientCounters senderCounters = new ClientCounters();

	private final ClientCounters receiverCounters;

	private final Nicknames nicknames;

	OfferedRateBenchmark(BenchmarkOptions options, int run) {
		this.options = options;
		this.server = new ServerProcess(options.serverPid());
		this.instances = options.serverPids().stream().map(ServerProcess::new).toList();
		this.broker = new ServerProcess(options.brokerPid());
		this.receiverCounters = (options.scenario() == Scenario.MANY_ROOMS) ? this.senderCounters
				: new ClientCounters();
		this.nicknames = new Nicknames(options, run);
	}

	List<StepResult> run() throws Exception {
		try (StompConnector connector = new StompConnector(this.options)) {
			Topology topology = (this.options.scenario() == Scenario.MANY_ROOMS) ? connectRooms(connector)
					: connectFanOut(connector);
			if (topology.senders().isEmpty()) {
				connector.closeAll(topology.everyone());
				throw new IllegalStateException("No publishing connection could be made (" + connector.counts()
						+ "): the server refused or dropped every one");
			}
			try {
				List<StepResult> results = new ArrayList<>();
				List<Double> rates = (this.options.scenario() == Scenario.MANY_ROOMS)
						? List.of(this.options.connections() * this.options.perConnectionRate())
						: this.options.rates().stream().map(Integer::doubleValue).toList();
				int step = 0;
				for (double rate : rates) {
					results.add(measure(++step, rate, topology, connector.counts()));
				}
				return results;
			}
			finally {
				connector.closeAll(topology.everyone());
			}
		}
	}

	private Topology connectFanOut(StompConnector connector) throws InterruptedException {
		List<URI> urls = this.options.urls();
		List<StompLoadClient> subscribers = connector.open(
				this.options.subscribers(), (i) -> urls.get(i % urls.size()), (i) -> new StompLoadClient(i,
						FAN_OUT_ROOM, this.nicknames.connect("sub", i), this.receiverCounters, this.latencies),
				this::subscribeToRoom);
		List<StompLoadClient> publishers = connector.open(this.options.publishers(), (i) -> new StompLoadClient(i,
				FAN_OUT_ROOM, this.nicknames.connect("pub", i), this.senderCounters, DeliveryListener.NONE),
				this::subscribeToErrors);
		return new Topology(publishers, List.of(new Room(publishers, subscribers)));
	}

	private Topology connectRooms(StompConnector connector) throws InterruptedException {
		List<StompLoadClient> members = connector.open(this.options.connections(),
				(i) -> new StompLoadClient(i, "bench-" + (i / this.options.roomSize()),
						this.nicknames.connect("member", i), this.senderCounters, this.latencies),
				(member) -> {
					subscribeToRoom(member);
					subscribeToErrors(member);
				});
		Map<String, List<StompLoadClient>> byRoom = new LinkedHashMap<>();
		members.forEach((member) -> byRoom.computeIfAbsent(member.room(), (room) -> new ArrayList<>()).add(member));
		return new Topology(members, byRoom.values().stream().map((room) -> new Room(room, room)).toList());
	}

	private void subscribeToRoom(StompLoadClient client) {
		client.subscribe(StompLoadClient.ROOM_SUBSCRIPTION, this.options.subscribeDestination(client.room()));
	}

	private void subscribeToErrors(StompLoadClient client) {
		if (!this.options.errorDestination().isEmpty()) {
			client.subscribe(StompLoadClient.ERROR_SUBSCRIPTION, this.options.errorDestination());
		}
	}

	private StepResult measure(int step, double rate, Topology topology, StompConnector.ConnectionCounts connections) {
		this.latencies.start(-step);
		this.latencies.start(step);
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		AtomicLong maxRss = new AtomicLong();
		sampler.scheduleAtFixedRate(() -> maxRss.accumulateAndGet(this.server.residentBytes(), Math::max), 0,
				SAMPLE_NANOS, TimeUnit.NANOSECONDS);
		try {
			Pacer pacer = new Pacer(rate);
			long warmUpEnds = System.nanoTime() + this.options.warmUp().toNanos();
			countAnswersWithoutStepIn(-step);
			pacer.sendUntil(warmUpEnds, (sequence) -> publish(-step, sequence, topology));
			countAnswersWithoutStepIn(step);
			long receiversCutOffBefore = topology.receivers().filter(StompLoadClient::isCutOff).count();
			ServerProcess.CpuSample clientBefore = ServerProcess.CpuSample.ofThisProcess();
			ServerProcess.CpuSample serverBefore = this.server.cpu();
			List<ServerProcess.CpuSample> instancesBefore = this.instances.stream().map(ServerProcess::cpu).toList();
			ServerProcess.CpuSample brokerBefore = this.broker.cpu();
			pacer.sendUntil(warmUpEnds + this.options.duration().toNanos(),
					(sequence) -> publish(step, sequence, topology));
			double clientCpu = ServerProcess.CpuSample.ofThisProcess().coresSince(clientBefore);
			double serverCpu = this.server.cpu().coresSince(serverBefore);
			StepResult.ClusterCpu cluster = null;
			if (this.options.scenario() == Scenario.CLUSTER_FAN_OUT) {
				List<Double> instanceCpu = IntStream.range(0, this.instances.size())
					.mapToObj((i) -> this.instances.get(i).cpu().coresSince(instancesBefore.get(i)))
					.toList();
				ServerProcess.CpuSample brokerAfter = this.broker.cpu();
				long published = published(step, topology.senders());
				cluster = new StepResult.ClusterCpu(instanceCpu, brokerAfter.coresSince(brokerBefore),
						(published > 0) ? brokerAfter.cpuNanosSince(brokerBefore) / 1e6 / published : 0);
				serverCpu = instanceCpu.stream().mapToDouble(Double::doubleValue).sum();
			}
			CompletableFuture<OptionalLong> quiet = (this.options.scenario() == Scenario.OVERLOAD)
					? CompletableFuture.supplyAsync(this.server::millisUntilQuiet)
					: CompletableFuture.completedFuture(OptionalLong.empty());
			long drainEnds = System.nanoTime() + this.options.drain().toNanos();
			// late deliveries, receipts and refusals count as long as they come within
			// the drain time
			while (!allArrived(step, topology) && System.nanoTime() < drainEnds) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			}
			OptionalLong quietAfter = quiet.join();
			return result(step, rate, topology, connections, receiversCutOffBefore, clientCpu, serverCpu, maxRss.get(),
					quietAfter, cluster);
		}
		finally {
			sampler.shutdownNow();
		}
	}

	/**
	 * Receipts and refusals count in the step of the message they answer; the few that
	 * name none (refusals when SENDs ask for no receipt, ERROR frames without a
	 * {@code receipt-id}) count in the given step from now on.
	 */
	private void countAnswersWithoutStepIn(int step) {
		this.senderCounters.counting(step);
		this.receiverCounters.counting(step);
	}

	private StepResult result(int step, double rate, Topology topology, StompConnector.ConnectionCounts connections,
			long receiversCutOffBefore, double clientCpu, double serverCpu, long maxRss, OptionalLong quietAfter,
			StepResult.ClusterCpu cluster) {
		long published = published(step, topology.senders());
		ClientCounters.Tally senders = this.senderCounters.tally(step);
		long cutOff = topology.receivers().filter(StompLoadClient::isCutOff).count() - receiversCutOffBefore;
		long expected = expected(step, topology);
		long received = this.latencies.received(step);
		Histogram latency = this.latencies.latencyMicros(step);
		double seconds = this.options.duration().toNanos() / 1e9;
		return new StepResult(rate, connections, published, senders.refusals(), published - senders.refused(),
				senders.receipts(), expected, received, (expected > 0) ? (double) received / expected : 1.0,
				received / seconds, millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(90)),
				millis(latency.getValueAtPercentile(99)), millis(latency.getValueAtPercentile(99.9)),
				millis(latency.getMaxValue()), clientCpu, clientCpu > 0.9 * Runtime.getRuntime().availableProcessors(),
				serverCpu, this.server.residentBytes(), Math.max(maxRss, this.server.residentBytes()), cutOff,
				quietAfter.isPresent() ? quietAfter.getAsLong() : null, cluster);
	}

	private void publish(int step, long sequence, Topology topology) {
		StompLoadClient sender = topology.senders().get((int) (sequence % topology.senders().size()));
		String marker = "bench:" + step + ":" + sequence + ":" + System.nanoTime();
		sender.send(step, this.options.sendDestination(sender.room()),
				this.options.textBody() ? "text/plain" : "application/json",
				this.options.textBody() ? marker : "{\"text\":\"" + marker + "\"}",
				this.options.receipts() ? StompFrames.receiptId(step, sequence) : null);
	}

	/**
	 * Whether every delivery expected of the step's messages so far, and an answer (a
	 * receipt or a refusal) to each of them when receipts are asked for, has arrived.
	 */
	private boolean allArrived(int step, Topology topology) {
		if (this.latencies.received(step) < expected(step, topology)) {
			return false;
		}
		ClientCounters.Tally senders = this.senderCounters.tally(step);
		return !this.options.receipts()
				|| senders.receipts() + senders.refused() >= published(step, topology.senders());
	}

	/**
	 * The step's messages accepted so far, each times the receivers of its room still
	 * connected, plus what receivers no longer connected received of them before they
	 * went.
	 */
	private static long expected(int step, Topology topology) {
		long expected = 0;
		for (Room room : topology.rooms()) {
			long accepted = 0;
			for (StompLoadClient sender : room.senders()) {
				accepted += sender.published(step) - sender.refused(step);
			}
			for (StompLoadClient receiver : room.receivers()) {
				expected += receiver.isOpen() ? accepted : receiver.received(step);
			}
		}
		return expected;
	}

	private static long published(int step, List<StompLoadClient> senders) {
		return senders.stream().mapToLong((sender) -> sender.published(step)).sum();
	}

	private static double millis(long micros) {
		return micros / 1000.0;
	}

	/**
	 * Who sends, in turn, and the rooms.
	 *
	 * @param senders every sending connection, in the order they take turns
	 * @param rooms every room, with its senders and receivers
	 */
	private record Topology(List<StompLoadClient> senders, List<Room> rooms) {

		List<StompLoadClient> everyone() {
			Set<StompLoadClient> everyone = new LinkedHashSet<>(this.senders);
			receivers().forEach(everyone::add);
			return new ArrayList<>(everyone);
		}

		Stream<StompLoadClient> receivers() {
			return this.rooms.stream().flatMap((room) -> room.receivers().stream());
		}

	}

	private record Room(List<StompLoadClient> senders, List<StompLoadClient> receivers) {
	}

}
