package dev.stompchat.bench;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What a benchmark run does, from {@code bench.*} system properties. Only loopback
 * targets are accepted unless {@code bench.allow-remote=true}.
 *
 * @param url the STOMP-over-WebSocket endpoint
 * @param subscribeDestination where subscribers subscribe
 * @param sendDestination where publishers send
 * @param textBody send the marker as a plain text body rather than stomp-chat's JSON
 * @param subscribers how many subscribing connections
 * @param publishers how many publishing connections, sharing the offered rate
 * @param rates offered rates to sweep, in messages per second
 * @param warmUp how long each rate runs before measuring
 * @param duration how long each rate is measured
 * @param drain how long to wait for late deliveries after publishing stops
 * @param serverPid the server's process id, for its CPU and memory, or 0
 * @param output file for the JSON results
 */
record BenchmarkOptions(URI url, String subscribeDestination, String sendDestination, boolean textBody,
		int subscribers, int publishers, List<Integer> rates, Duration warmUp, Duration duration, Duration drain,
		long serverPid, String output) {

	static BenchmarkOptions fromSystemProperties() {
		URI url = URI.create(property("bench.url", "ws://localhost:8080/ws"));
		if (!Boolean.getBoolean("bench.allow-remote") && !isLoopback(url)) {
			throw new IllegalArgumentException(url + " is not a loopback address; set bench.allow-remote=true "
					+ "to load a server you run elsewhere");
		}
		return new BenchmarkOptions(url, property("bench.subscribe-destination", "/topic/rooms.bench"),
				property("bench.send-destination", "/app/rooms.bench.send"), Boolean.getBoolean("bench.text-body"),
				Integer.parseInt(property("bench.subscribers", "1000")),
				Integer.parseInt(property("bench.publishers", "1")),
				Arrays.stream(property("bench.rates", "10,50,100,150,200").split(",")).map(String::trim)
					.map(Integer::valueOf).toList(),
				Duration.parse("PT" + property("bench.warm-up", "5s")),
				Duration.parse("PT" + property("bench.duration", "10s")),
				Duration.parse("PT" + property("bench.drain", "5s")),
				Long.parseLong(property("bench.server-pid", "0")),
				property("bench.output", "target/bench/fan-out.json"));
	}

	private static String property(String name, String defaultValue) {
		return System.getProperty(name, defaultValue);
	}

	private static boolean isLoopback(URI url) {
		try {
			return InetAddress.getByName(url.getHost()).isLoopbackAddress();
		}
		catch (Exception ex) {
			return false;
		}
	}

}
