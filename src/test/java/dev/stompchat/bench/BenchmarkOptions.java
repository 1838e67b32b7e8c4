package dev.stompchat.bench;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a benchmark run does, from {@code bench.*} system properties. Only loopback
 * targets are accepted unless {@code bench.allow-remote=true}.
 *
 * @param url the STOMP-over-WebSocket endpoint ({@code bench.url}, {@code ws://} only);
 * for cluster-fan-out the first of {@code urls}
 * @param urls every endpoint: {@code bench.url} is a comma-separated list, of one URL
 * except for cluster-fan-out, which takes at least two (instances of one cluster) and
 * spreads its subscribers over them in turn, its publishers on the first
 * @param target the name of the server under test in reports and charts
 * ({@code bench.target}, default {@code stomp-chat})
 * @param scenario what to run ({@code bench.scenario}: {@code fan-out} (default),
 * {@code many-rooms}, {@code idle}, {@code overload} or {@code cluster-fan-out})
 * @param login the CONNECT {@code login} header ({@code bench.login}); when empty each
 * connection sends its nickname
 * @param passcode the CONNECT {@code passcode} header ({@code bench.passcode}, default
 * {@code bench})
 * @param host the CONNECT {@code host} header ({@code bench.host}, default
 * {@code localhost}; RabbitMQ wants {@code /})
 * @param heartbeat the heart-beat interval asked for in both directions
 * ({@code bench.heartbeat}, default {@code 10s}; {@code 0} turns heart-beats off)
 * @param receipts whether every SEND asks for a RECEIPT ({@code bench.receipts}, default
 * {@code true})
 * @param errorDestination where each connection subscribes for the errors its SENDs cause
 * ({@code bench.error-destination}, default {@code /user/queue/errors}; empty for none)
 * @param subscribeDestination where connections subscribe, {@code {room}} standing for
 * the room ({@code bench.subscribe-destination}, default {@code /topic/rooms.{room}})
 * @param sendDestination where connections send, {@code {room}} standing for the room
 * ({@code bench.send-destination}, default {@code /app/rooms.{room}.send})
 * @param textBody send the marker as a plain text body rather than stomp-chat's JSON
 * ({@code bench.text-body}, default {@code false})
 * @param subscribers fan-out and overload: how many subscribing connections
 * ({@code bench.subscribers}, default 1000)
 * @param publishers fan-out and overload: how many publishing connections, sharing the
 * offered rate ({@code bench.publishers}, default 1)
 * @param rates fan-out and overload: offered rates to sweep, in messages per second
 * ({@code bench.rates}, default {@code 10,50,100,150,200})
 * @param connections many-rooms and idle: how many connections
 * ({@code bench.connections}, default 1000 for many-rooms, 20000 for idle)
 * @param roomSize many-rooms and idle: connections per room ({@code bench.room-size},
 * default 10)
 * @param perConnectionRate many-rooms: messages per second each connection sends
 * ({@code bench.per-connection-rate}, default 1)
 * @param warmUp how long each rate runs before measuring ({@code bench.warm-up}, default
 * {@code 5s})
 * @param duration how long each rate is measured, or idle connections are held
 * ({@code bench.duration}, default {@code 10s})
 * @param drain how long to wait for late deliveries after publishing stops
 * ({@code bench.drain}, default {@code 5s})
 * @param serverPid the server's process id, for its CPU and memory, or 0
 * ({@code bench.server-pid}); for cluster-fan-out the first of {@code serverPids}
 * @param serverPids cluster-fan-out: every instance's process id, in the order of
 * {@code urls} ({@code bench.server-pid}, comma-separated), for each one's CPU
 * @param brokerPid cluster-fan-out: the process id of the broker the instances share
 * (RabbitMQ's {@code beam.smp}), for its CPU per message published, or 0
 * ({@code bench.broker-pid})
 * @param runs how many times the whole scenario runs; with more than one the report gives
 * the median of each metric ({@code bench.runs}, default 1)
 * @param clientThreads event-loop threads carrying all connections
 * ({@code bench.client-threads}, default 1)
 * @param handshakesInFlight the most connection handshakes under way at once
 * ({@code bench.handshakes-in-flight}, default 200)
 * @param output file for the JSON results ({@code bench.output}, default
 * {@code target/bench/<scenario>.json})
 */
record BenchmarkOptions(URI url, List<URI> urls, String target, Scenario scenario, String login, String passcode,
		String host, Duration heartbeat, boolean receipts, String errorDestination, String subscribeDestination,
		String sendDestination, boolean textBody, int subscribers, int publishers, List<Integer> rates, int connections,
		int roomSize, double perConnectionRate, Duration warmUp, Duration duration, Duration drain, long serverPid,
		List<Long> serverPids, long brokerPid, int runs, int clientThreads, int handshakesInFlight, String output) {

	static BenchmarkOptions fromSystemProperties() {
		return from(System::getProperty);
	}

	/**
	 * Options from the given {@code bench.*} properties, the defaults filling in the
	 * rest.
	 * @param properties the properties, by name, as {@code bench.*} system properties
	 */
	static BenchmarkOptions from(Map<String, String> properties) {
		return from(properties::get);
	}

	private static BenchmarkOptions from(UnaryOperator<String> properties) {
		Properties bench = new Properties(properties);
		List<URI> urls = list(bench.get("url", "ws://localhost:8080/ws")).stream().map(URI::create).toList();
		for (URI url : urls) {
			if (!Boolean.parseBoolean(bench.get("allow-remote", "false")) && !isLoopback(url)) {
				throw new IllegalArgumentException(url + " is not a loopback address; set bench.allow-remote=true "
						+ "to load a server you run elsewhere");
			}
		}
		Scenario scenario = Scenario.of(bench.get("scenario", Scenario.FAN_OUT.propertyValue()));
		if (scenario == Scenario.CLUSTER_FAN_OUT && urls.size() < 2) {
			throw new IllegalArgumentException(
					"cluster-fan-out needs the URLs of at least two instances in bench.url, comma-separated");
		}
		if (scenario != Scenario.CLUSTER_FAN_OUT && urls.size() > 1) {
			throw new IllegalArgumentException(
					"Only cluster-fan-out takes several URLs in bench.url, not " + scenario.propertyValue());
		}
		List<Long> pids = list(bench.get("server-pid", "0")).stream().map(Long::valueOf).toList();
		List<Long> serverPids = pids.isEmpty() ? List.of(0L) : pids;
		return new BenchmarkOptions(urls.get(0), urls, bench.get("target", "stomp-chat"), scenario,
				bench.get("login", ""), bench.get("passcode", "bench"), bench.get("host", "localhost"),
				duration(bench.get("heartbeat", "10s")), Boolean.parseBoolean(bench.get("receipts", "true")),
				bench.get("error-destination", "/user/queue/errors"),
				bench.get("subscribe-destination", "/topic/rooms.{room}"),
				bench.get("send-destination", "/app/rooms.{room}.send"),
				Boolean.parseBoolean(bench.get("text-body", "false")), bench.integer("subscribers", 1000),
				bench.integer("publishers", 1),
				list(bench.get("rates", "10,50,100,150,200")).stream().map(Integer::valueOf).toList(),
				bench.integer("connections", (scenario == Scenario.IDLE) ? 20_000 : 1000),
				bench.integer("room-size", 10), Double.parseDouble(bench.get("per-connection-rate", "1")),
				duration(bench.get("warm-up", "5s")), duration(bench.get("duration", "10s")),
				duration(bench.get("drain", "5s")), serverPids.get(0), serverPids,
				Long.parseLong(bench.get("broker-pid", "0")), bench.integer("runs", 1),
				bench.integer("client-threads", 1), bench.integer("handshakes-in-flight", 200),
				bench.get("output", "target/bench/" + scenario.propertyValue() + ".json"));
	}

	/** The destination subscribers of the given room subscribe to. */
	String subscribeDestination(String room) {
		return this.subscribeDestination.replace("{room}", room);
	}

	/** The destination publishers to the given room send to. */
	String sendDestination(String room) {
		return this.sendDestination.replace("{room}", room);
	}

	private static List<String> list(String text) {
		return Arrays.stream(text.split(",")).map(String::trim).filter((item) -> !item.isEmpty()).toList();
	}

	private static Duration duration(String text) {
		return "0".equals(text.trim()) ? Duration.ZERO : Duration.parse("PT" + text.trim());
	}

	private static boolean isLoopback(URI url) {
		try {
			return InetAddress.getByName(url.getHost()).isLoopbackAddress();
		}
		catch (Exception ex) {
			return false;
		}
	}

	private record Properties(UnaryOperator<String> source) {

		String get(String name, String defaultValue) {
			String value = this.source.apply("bench." + name);
			return (value != null) ? value : defaultValue;
		}

		int integer(String name, int defaultValue) {
			return Integer.parseInt(get(name, Integer.toString(defaultValue)));
		}

	}

}
