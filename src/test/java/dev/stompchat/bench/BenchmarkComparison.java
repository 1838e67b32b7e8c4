package dev.stompchat.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.stream.Collectors;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the results of one target beside those of others, scenario by scenario, with their
 * ratios: {@code ./mvnw test -Dtest=BenchmarkRun -Dbench.compare=a.json,b.json,...}. The
 * files, as {@link BenchmarkReport} wrote them, are grouped by scenario; in each scenario
 * the first file's target is the reference, and every ratio is the reference's figure
 * over the other's (below 1: the reference needs less, or waits less).
 * <ul>
 * <li>fan-out: the sustained rate as {@link BenchmarkChart} finds it, and at each of the
 * given offered rates the share delivered, refusals, p99, the server's CPU in cores and
 * in microseconds per delivery, and the load generator's CPU and saturation.</li>
 * <li>many-rooms and overload: the same figures, at every rate the files have.</li>
 * <li>idle: connections held, live heap and resident memory per connection.</li>
 * </ul>
 * Every figure is the median over the runs; CPU per delivery is computed run by run and
 * then its median taken.
 */
final class BenchmarkComparison {

	/** The offered rates the fan-out is compared at, unless others are given. */
	static final List<Double> DEFAULT_RATES = List.of(70.0, 90.0, 100.0);

	private static final String STEP_ROW = "%9s  %-28s %10s %8s %9s %8s %10s %8s %7s %8s %5s%n";

	private static final String IDLE_ROW = "%-28s %18s %14s %14s %8s %8s%n";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BenchmarkComparison() {
	}

	/** Reads the files and prints each scenario's comparison. */
	static void print(List<Path> files, List<Double> fanOutRates, PrintStream out) throws IOException {
		Map<String, List<Target>> byScenario = new LinkedHashMap<>();
		for (Path file : files) {
			Target target = read(file);
			byScenario.computeIfAbsent(target.scenario(), (scenario) -> new ArrayList<>()).add(target);
		}
		byScenario.forEach((scenario, targets) -> {
			out.println();
			if (targets.size() < 2) {
				out.printf("%s: only %s, nothing to compare it with%n", scenario, targets.get(0).name());
				return;
			}
			if (Scenario.IDLE.propertyValue().equals(scenario)) {
				printIdle(targets, out);
			}
			else {
				printSteps(scenario, targets, fanOutRates, out);
			}
		});
	}

	static Target read(Path file) throws IOException {
		JsonNode report = JSON.readTree(Files.readString(file));
		JsonNode results = report.path("results");
		Scenario scenario = Scenario.valueOf(report.path("options").path("scenario").asString("FAN_OUT"));
		List<List<StepResult>> runs = results.path("runs").isArray()
				? JSON.treeToValue(results.path("runs"), new TypeReference<>() {
				}) : List.of();
		IdleResult idle = results.path("idleMedian").isObject()
				? JSON.treeToValue(results.path("idleMedian"), IdleResult.class) : null;
		int idleRuns = results.path("idleRuns").size();
		return new Target(results.path("target").asString(file.getFileName().toString()), scenario.propertyValue(),
				runs, idle, (idle != null) ? idleRuns : runs.size(), BenchmarkChart.read(file));
	}

	private static void printSteps(String scenario, List<Target> targets, List<Double> fanOutRates, PrintStream out) {
		Target reference = targets.get(0);
		out.printf("%s: %s; ratio = %s / other%n", scenario, describe(targets), reference.name());
		TreeSet<Double> rates = new TreeSet<>();
		if (Scenario.FAN_OUT.propertyValue().equals(scenario)) {
			rates.addAll(fanOutRates);
			out.println("sustained (100 % of offered delivered, p99 <= 100 ms): " + targets.stream()
				.map((target) -> target.name() + " "
						+ target.chart()
							.sustained()
							.map((point) -> "%,.0f deliveries/s (offered %,.0f/s)"
								.formatted(point.deliveriesPerSecond(), point.offeredRate()))
							.orElse("none"))
				.collect(Collectors.joining("; ")));
			for (Target other : targets.subList(1, targets.size())) {
				out.printf("sustained ratio %s / %s: %s%n", reference.name(), other.name(),
						format(ratio(sustained(reference), sustained(other))));
			}
		}
		else {
			targets.forEach(
					(target) -> target.runs().forEach((run) -> run.forEach((step) -> rates.add(step.offeredRate()))));
		}
		out.println("delivered: of offered; server, client: CPU in cores; µs/deliv.: server CPU per delivery");
		row(out, STEP_ROW, "offered/s", "target", "delivered", "refused", "p99 ms", "server", "µs/deliv.", "max MB",
				"quiet s", "client", "sat.");
		for (double rate : rates) {
			Optional<Figures> referenceFigures = reference.at(rate);
			for (Target target : targets) {
				Optional<Figures> figures = target.at(rate);
				if (figures.isEmpty()) {
					out.printf("%9.0f  %-28s not measured%n", rate, target.name());
					continue;
				}
				Figures step = figures.get();
				row(out, STEP_ROW, "%.0f".formatted(rate), target.name(),
						"%.1f %%".formatted(step.deliveredOfOffered() * 100), step.median().refused(),
						"%.1f".formatted(step.median().p99()), "%.2f".formatted(step.median().serverCpu()),
						format(step.cpuMicrosPerDelivery(), "%.1f"), step.median().maxServerRssBytes() / (1024 * 1024),
						(step.median().quietAfterMillis() != null)
								? "%.2f".formatted(step.median().quietAfterMillis() / 1000.0) : "-",
						"%.2f".formatted(step.median().clientCpu()), step.median().clientSaturated() ? "YES" : "no");
			}
			for (Target other : targets.subList(1, targets.size())) {
				Optional<Figures> otherFigures = other.at(rate);
				if (referenceFigures.isEmpty() || otherFigures.isEmpty()) {
					continue;
				}
				Figures ours = referenceFigures.get();
				Figures theirs = otherFigures.get();
				row(out, STEP_ROW, "", "ratio " + reference.name() + " / " + other.name(), "", "",
						format(ratio(ours.median().p99(), theirs.median().p99())),
						format(ratio(ours.median().serverCpu(), theirs.median().serverCpu())),
						format(ratio(ours.cpuMicrosPerDelivery(), theirs.cpuMicrosPerDelivery())), "", "", "", "");
			}
		}
	}

	private static void printIdle(List<Target> targets, PrintStream out) {
		Target reference = targets.get(0);
		out.printf("idle: %s; ratio = %s / other%n", describe(targets), reference.name());
		row(out, IDLE_ROW, "target", "established", "heap/conn.", "resident/conn.", "server", "client");
		for (Target target : targets) {
			IdleResult idle = target.idle();
			if (idle == null) {
				out.printf("%-28s not measured%n", target.name());
				continue;
			}
			row(out, IDLE_ROW, target.name(),
					"%,d of %,d".formatted(idle.connections().established(), idle.connections().attempted()),
					kilobytes(idle.heapPerConnection()), kilobytes(idle.rssPerConnection()),
					"%.2f".formatted(idle.serverCpu()), "%.2f".formatted(idle.clientCpu()));
		}
		IdleResult ours = reference.idle();
		for (Target other : targets.subList(1, targets.size())) {
			IdleResult theirs = other.idle();
			if (ours == null || theirs == null) {
				continue;
			}
			row(out, IDLE_ROW, "ratio " + reference.name() + " / " + other.name(), "",
					format(ratio(asDouble(ours.heapPerConnection()), asDouble(theirs.heapPerConnection()))),
					format(ratio(asDouble(ours.rssPerConnection()), asDouble(theirs.rssPerConnection()))), "", "");
		}
	}

	private static void row(PrintStream out, String pattern, Object... columns) {
		out.println(pattern.formatted(columns).stripTrailing());
	}

	/**
	 * {@code numerator / denominator}, or empty when either is unknown or the denominator
	 * is not above 0.
	 */
	static OptionalDouble ratio(OptionalDouble numerator, OptionalDouble denominator) {
		if (numerator.isEmpty() || denominator.isEmpty() || denominator.getAsDouble() <= 0) {
			return OptionalDouble.empty();
		}
		return OptionalDouble.of(numerator.getAsDouble() / denominator.getAsDouble());
	}

	static OptionalDouble ratio(double numerator, double denominator) {
		return ratio(OptionalDouble.of(numerator), OptionalDouble.of(denominator));
	}

	/**
	 * Microseconds of server CPU per delivery received in a step, or empty when nothing
	 * was received.
	 */
	static OptionalDouble cpuMicrosPerDelivery(StepResult step) {
		return (step.deliveriesPerSecond() > 0) ? OptionalDouble.of(step.serverCpu() / step.deliveriesPerSecond() * 1e6)
				: OptionalDouble.empty();
	}

	private static OptionalDouble sustained(Target target) {
		return target.chart()
			.sustained()
			.map((point) -> OptionalDouble.of(point.deliveriesPerSecond()))
			.orElse(OptionalDouble.empty());
	}

	private static String describe(List<Target> targets) {
		return targets.stream()
			.map((target) -> "%s (%s)".formatted(target.name(),
					(target.runCount() == 1) ? "1 run" : "median of " + target.runCount() + " runs"))
			.collect(Collectors.joining(" beside "));
	}

	private static OptionalDouble asDouble(Long value) {
		return (value != null) ? OptionalDouble.of(value) : OptionalDouble.empty();
	}

	private static String kilobytes(Long bytes) {
		return (bytes != null) ? "%.1f KB".formatted(bytes / 1024.0) : "-";
	}

	private static String format(OptionalDouble value) {
		return format(value, "%.2f");
	}

	private static String format(OptionalDouble value, String pattern) {
		return value.isPresent() ? pattern.formatted(value.getAsDouble()) : "-";
	}

	/**
	 * One target's results of one scenario.
	 *
	 * @param name the target's name
	 * @param scenario the scenario's name, as {@code bench.scenario} takes it
	 * @param runs every run's steps (offered-rate scenarios)
	 * @param idle the median of the idle runs, or {@code null}
	 * @param runCount how many runs the figures come from
	 * @param chart the median steps as the chart reads them, for the sustained rate
	 */
	record Target(String name, String scenario, List<List<StepResult>> runs, IdleResult idle, int runCount,
			BenchmarkChart.Series chart) {

		/** The figures at one offered rate, if every run measured it. */
		Optional<Figures> at(double rate) {
			List<StepResult> steps = this.runs.stream()
				.map((run) -> run.stream().filter((step) -> step.offeredRate() == rate).findFirst().orElse(null))
				.toList();
			if (steps.isEmpty() || steps.contains(null)) {
				return Optional.empty();
			}
			List<Double> cpu = steps.stream()
				.map(BenchmarkComparison::cpuMicrosPerDelivery)
				.filter(OptionalDouble::isPresent)
				.map(OptionalDouble::getAsDouble)
				.toList();
			Optional<BenchmarkChart.Point> point = this.chart.points()
				.stream()
				.filter((candidate) -> candidate.offeredRate() == rate)
				.findFirst();
			return Optional.of(new Figures(StepResult.median(steps),
					point.map(BenchmarkChart.Point::deliveryRatio).orElse(Double.NaN), (cpu.size() == steps.size())
							? OptionalDouble.of(StepResult.median(cpu, Double::doubleValue)) : OptionalDouble.empty()));
		}

	}

	/**
	 * One target's figures at one offered rate.
	 *
	 * @param median each metric's median over the runs
	 * @param deliveredOfOffered deliveries received over those offered, refused messages
	 * counting as not delivered, as the chart draws it
	 * @param cpuMicrosPerDelivery the median over the runs of the server's CPU per
	 * delivery, in microseconds, or empty when a run received nothing
	 */
	record Figures(StepResult median, double deliveredOfOffered, OptionalDouble cpuMicrosPerDelivery) {
	}

}
