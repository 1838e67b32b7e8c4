package dev.stompchat.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Draws the JSON results of one or more offered-rate runs as one PNG: x is the offered
 * rate, the left axis p99 latency (log scale), the right axis the share of the offered
 * deliveries that arrived (a refused message counts as not delivered); each target gets
 * one colour, p99 a solid line and the share a dashed one. Several targets (stomp-chat
 * and RabbitMQ, say) come from the JSON files of separate runs:
 * {@code ./mvnw test -Dtest=BenchmarkRun -Dbench.chart=a.json,b.json}.
 */
final class BenchmarkChart {

	/** The service level a rate must meet to count as sustained. */
	static final double SUSTAINED_P99_MILLIS = 100;

	private static final int WIDTH = 1000;

	private static final int HEIGHT = 600;

	private static final int LEFT = 80;

	private static final int RIGHT = 80;

	private static final int TOP = 60;

	private static final int BOTTOM = 70;

	private static final double LOWEST_MILLIS = 0.1;

	static final Color[] COLOURS = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
			new Color(0x9467bd), new Color(0x8c564b) };

	private static final Stroke SOLID = new BasicStroke(2.5f);

	private static final Stroke DASHED = new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10,
			new float[] { 9, 6 }, 0);

	private static final Stroke GRID = new BasicStroke(1f);

	private BenchmarkChart() {
	}

	/**
	 * Draws the chart: {@code BenchmarkChart <chart.png> <results.json>...}.
	 */
	public static void main(String[] args) throws IOException {
		if (args.length < 2) {
			throw new IllegalArgumentException("Usage: BenchmarkChart <chart.png> <results.json>...");
		}
		List<Series> targets = new ArrayList<>();
		for (String json : Arrays.copyOfRange(args, 1, args.length)) {
			targets.add(read(Path.of(json)));
		}
		write(targets, Path.of(args[0]));
		System.out.println(sustainedRates(targets));
	}

	/** One target's median results, as {@link BenchmarkReport} wrote them. */
	static Series read(Path json) throws IOException {
		JsonNode report = JsonMapper.builder().build().readTree(Files.readString(json));
		JsonNode results = report.path("results");
		List<Point> points = new ArrayList<>();
		for (JsonNode step : results.path("median")) {
			// refused messages count as not delivered here: the chart shows what was
			// offered
			double published = step.path("published").asDouble();
			double accepted = step.path("accepted").asDouble(published);
			double deliveredOfOffered = step.path("deliveryRatio").asDouble()
					* ((published > 0) ? accepted / published : 1.0);
			points.add(new Point(step.path("offeredRate").asDouble(), step.path("p99").asDouble(), deliveredOfOffered,
					step.path("deliveriesPerSecond").asDouble()));
		}
		String scenario = report.path("options").path("scenario").asString("");
		return new Series(results.path("target").asString(json.getFileName().toString()), scenario, points);
	}

	/**
	 * The highest offered rate of each target delivered at 100 % with p99 at most 100 ms,
	 * in deliveries per second, and the first target's ratio to each other one.
	 */
	static String sustainedRates(List<Series> targets) {
		StringBuilder line = new StringBuilder("sustained (100 % of offered delivered, p99 <= 100 ms):");
		for (Series target : targets) {
			line.append(' ')
				.append(target.target())
				.append(' ')
				.append(target.sustained()
					.map((point) -> "%,.0f deliveries/s (offered %,.0f/s)".formatted(point.deliveriesPerSecond(),
							point.offeredRate()))
					.orElse("none"))
				.append(';');
		}
		Optional<Point> first = targets.isEmpty() ? Optional.empty() : targets.get(0).sustained();
		for (Series other : targets.subList(Math.min(1, targets.size()), targets.size())) {
			Optional<Point> sustained = other.sustained();
			line.append(" ratio ").append(targets.get(0).target()).append(" / ").append(other.target());
			line.append((first.isPresent() && sustained.isPresent() && sustained.get().deliveriesPerSecond() > 0)
					? " = %.2f".formatted(first.get().deliveriesPerSecond() / sustained.get().deliveriesPerSecond())
					: " not available");
			line.append(';');
		}
		return line.toString();
	}

	static void write(List<Series> targets, Path png) throws IOException {
		System.setProperty("java.awt.headless", "true");
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		try {
			new Drawing(graphics, targets).draw();
		}
		finally {
			graphics.dispose();
		}
		if (png.getParent() != null) {
			Files.createDirectories(png.getParent());
		}
		ImageIO.write(image, "png", png.toFile());
	}

	/**
	 * One step's numbers that the chart shows.
	 *
	 * @param deliveryRatio deliveries received over those offered, refused messages
	 * included, so that a rate is sustained only if nothing was refused either
	 */
	record Point(double offeredRate, double p99, double deliveryRatio, double deliveriesPerSecond) {
	}

	/** One target's steps. */
	record Series(String target, String scenario, List<Point> points) {

		Optional<Point> sustained() {
			return this.points.stream()
				.filter((point) -> point.deliveryRatio() >= 1.0 && point.p99() <= SUSTAINED_P99_MILLIS)
				.max((a, b) -> Double.compare(a.offeredRate(), b.offeredRate()));
		}

	}

	/** Scales and strokes for one chart. */
	private static final class Drawing {

		private final Graphics2D graphics;

		private final List<Series> targets;

		private final double maxRate;

		private final double lowDecade;

		private final double highDecade;

		Drawing(Graphics2D graphics, List<Series> targets) {
			this.graphics = graphics;
			this.targets = targets;
			List<Point> all = targets.stream().flatMap((series) -> series.points().stream()).toList();
			this.maxRate = niceCeiling(all.stream().mapToDouble(Point::offeredRate).max().orElse(1));
			double lowest = all.stream().mapToDouble(Point::p99).filter((p99) -> p99 > 0).min().orElse(1);
			double highest = all.stream().mapToDouble(Point::p99).max().orElse(1000);
			this.lowDecade = Math.floor(Math.log10(Math.max(lowest, LOWEST_MILLIS)));
			this.highDecade = Math.max(this.lowDecade + 1, Math.ceil(Math.log10(Math.max(highest, LOWEST_MILLIS))));
		}

		void draw() {
			this.graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			this.graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
					RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			this.graphics.setColor(Color.WHITE);
			this.graphics.fillRect(0, 0, WIDTH, HEIGHT);
			drawAxes();
			for (int i = 0; i < this.targets.size(); i++) {
				drawSeries(this.targets.get(i), COLOURS[i % COLOURS.length]);
			}
			drawLegend();
			String scenario = this.targets.stream()
				.map(Series::scenario)
				.filter((name) -> !name.isEmpty())
				.distinct()
				.findFirst()
				.map((name) -> " (" + name.toLowerCase(Locale.ROOT).replace('_', '-') + ")")
				.orElse("");
			this.graphics.setColor(Color.BLACK);
			this.graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
			this.graphics.drawString("p99 latency and delivery ratio by offered rate" + scenario, LEFT, TOP - 25);
		}

		private void drawAxes() {
			this.graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
			this.graphics.setStroke(GRID);
			for (int i = 0; i <= 10; i++) {
				double rate = this.maxRate * i / 10;
				int x = x(rate);
				this.graphics.setColor(new Color(0xe6e6e6));
				this.graphics.drawLine(x, TOP, x, HEIGHT - BOTTOM);
				this.graphics.setColor(Color.DARK_GRAY);
				centered("%,.0f".formatted(rate), x, HEIGHT - BOTTOM + 18);
			}
			for (double decade = this.lowDecade; decade <= this.highDecade; decade++) {
				int y = yLatency(Math.pow(10, decade));
				this.graphics.setColor(new Color(0xe6e6e6));
				this.graphics.drawLine(LEFT, y, WIDTH - RIGHT, y);
				this.graphics.setColor(Color.DARK_GRAY);
				String label = (decade < 0) ? "%.1f".formatted(Math.pow(10, decade))
						: "%,.0f".formatted(Math.pow(10, decade));
				this.graphics.drawString(label, LEFT - 8 - this.graphics.getFontMetrics().stringWidth(label), y + 4);
			}
			for (int percent = 0; percent <= 100; percent += 25) {
				this.graphics.drawString(percent + " %", WIDTH - RIGHT + 8, yRatio(percent / 100.0) + 4);
			}
			this.graphics.setColor(Color.BLACK);
			this.graphics.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
			centered("offered rate (messages/s)", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 25);
			vertical("p99 latency (ms, log scale)", 25, (TOP + HEIGHT - BOTTOM) / 2);
			vertical("delivered (%)", WIDTH - 20, (TOP + HEIGHT - BOTTOM) / 2);
		}

		private void drawSeries(Series series, Color colour) {
			this.graphics.setColor(colour);
			Path2D latency = new Path2D.Double();
			Path2D ratio = new Path2D.Double();
			boolean latencyStarted = false;
			for (int i = 0; i < series.points().size(); i++) {
				Point point = series.points().get(i);
				int x = x(point.offeredRate());
				int yRatio = yRatio(point.deliveryRatio());
				if (i == 0) {
					ratio.moveTo(x, yRatio);
				}
				else {
					ratio.lineTo(x, yRatio);
				}
				this.graphics.fillRect(x - 3, yRatio - 3, 7, 7);
				// a rate at which nothing arrived has no latency to draw
				if (point.deliveriesPerSecond() > 0) {
					int yLatency = yLatency(point.p99());
					if (latencyStarted) {
						latency.lineTo(x, yLatency);
					}
					else {
						latency.moveTo(x, yLatency);
						latencyStarted = true;
					}
					this.graphics.fillOval(x - 4, yLatency - 4, 8, 8);
				}
			}
			this.graphics.setStroke(SOLID);
			this.graphics.draw(latency);
			this.graphics.setStroke(DASHED);
			this.graphics.draw(ratio);
		}

		private void drawLegend() {
			this.graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
			int y = TOP + 20;
			for (int i = 0; i < this.targets.size(); i++) {
				Color colour = COLOURS[i % COLOURS.length];
				String target = this.targets.get(i).target();
				legendEntry(colour, SOLID, target + " p99", y);
				legendEntry(colour, DASHED, target + " delivered, of offered", y + 18);
				y += 40;
			}
		}

		private void legendEntry(Color colour, Stroke stroke, String label, int y) {
			this.graphics.setColor(colour);
			this.graphics.setStroke(stroke);
			this.graphics.drawLine(LEFT + 12, y - 4, LEFT + 52, y - 4);
			this.graphics.setColor(Color.BLACK);
			this.graphics.drawString(label, LEFT + 60, y);
		}

		private void centered(String text, int x, int y) {
			this.graphics.drawString(text, x - this.graphics.getFontMetrics().stringWidth(text) / 2, y);
		}

		private void vertical(String text, int x, int y) {
			Graphics2D rotated = (Graphics2D) this.graphics.create();
			rotated.translate(x, y);
			rotated.rotate(-Math.PI / 2);
			rotated.setColor(Color.BLACK);
			rotated.drawString(text, -rotated.getFontMetrics().stringWidth(text) / 2, 0);
			rotated.dispose();
		}

		private int x(double rate) {
			return LEFT + (int) Math.round((WIDTH - LEFT - RIGHT) * rate / this.maxRate);
		}

		private int yLatency(double millis) {
			double decades = Math.log10(Math.max(millis, Math.pow(10, this.lowDecade))) - this.lowDecade;
			return HEIGHT - BOTTOM
					- (int) Math.round((HEIGHT - TOP - BOTTOM) * decades / (this.highDecade - this.lowDecade));
		}

		private int yRatio(double ratio) {
			return HEIGHT - BOTTOM - (int) Math.round((HEIGHT - TOP - BOTTOM) * Math.min(1, Math.max(0, ratio)));
		}

		private static double niceCeiling(double value) {
			double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
			for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
				if (step * magnitude >= value) {
					return step * magnitude;
				}
			}
			return 10 * magnitude;
		}

	}

}
