package dev.stompchat.bench;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart of offered-rate results, and the sustained rates it compares.
 */
class BenchmarkChartTests {

	private static final BenchmarkChart.Series FAST = new BenchmarkChart.Series("stomp-chat", "FAN_OUT",
			List.of(new BenchmarkChart.Point(50, 20, 1.0, 50_000), new BenchmarkChart.Point(100, 58, 1.0, 100_000),
					new BenchmarkChart.Point(200, 3700, 0.4, 80_000)));

	private static final BenchmarkChart.Series SLOW = new BenchmarkChart.Series("rabbitmq", "FAN_OUT",
			List.of(new BenchmarkChart.Point(50, 30, 1.0, 50_000), new BenchmarkChart.Point(100, 900, 0.9, 90_000)));

	private static final BenchmarkChart.Series BASELINE = new BenchmarkChart.Series("baseline", "FAN_OUT",
			List.of(new BenchmarkChart.Point(50, 25, 1.0, 50_000), new BenchmarkChart.Point(100, 400, 1.0, 100_000)));

	@Test
	void chartOfTwoTargetsIsAReadablePng(@TempDir Path directory) throws Exception {
		Path png = directory.resolve("chart.png");

		BenchmarkChart.write(List.of(FAST, SLOW), png);

		BufferedImage image = ImageIO.read(png.toFile());
		assertThat(image).isNotNull();
		assertThat(image.getWidth()).isEqualTo(1000);
		assertThat(image.getHeight()).isEqualTo(600);
		assertThat(Files.size(png)).isGreaterThan(10_000);
	}

	@Test
	void chartOfThreeTargetsDrawsEachInAColourOfItsOwn(@TempDir Path directory) throws Exception {
		Path png = directory.resolve("chart.png");

		BenchmarkChart.write(List.of(FAST, BASELINE, SLOW), png);

		BufferedImage image = ImageIO.read(png.toFile());
		Set<Integer> colours = new HashSet<>();
		for (int x = 0; x < image.getWidth(); x++) {
			for (int y = 0; y < image.getHeight(); y++) {
				colours.add(image.getRGB(x, y) & 0xffffff);
			}
		}
		assertThat(colours).contains(BenchmarkChart.COLOURS[0].getRGB() & 0xffffff,
				BenchmarkChart.COLOURS[1].getRGB() & 0xffffff, BenchmarkChart.COLOURS[2].getRGB() & 0xffffff);
	}

	@Test
	void chartReadsTheJsonThatTheReportWrites(@TempDir Path directory) throws Exception {
		BenchmarkOptions options = BenchmarkOptions
			.from(Map.of("bench.output", directory.resolve("results.json").toString()));
		StepResult step = new StepResult(100, new StompConnector.ConnectionCounts(1001, 1001, 0), 1000, Map.of(), 1000,
				1000, 1_000_000, 1_000_000, 1.0, 100_000, 5, 10, 58, 80, 90, 0.5, false, 0.9, 1L << 30, 1L << 30, 0,
				null);
		BenchmarkReport.writeJson(options, BenchmarkReport.Results.ofSteps("stomp-chat", List.of(List.of(step))));

		BenchmarkChart.Series series = BenchmarkChart.read(directory.resolve("results.json"));

		assertThat(series.target()).isEqualTo("stomp-chat");
		assertThat(series.points()).containsExactly(new BenchmarkChart.Point(100, 58, 1.0, 100_000));
	}

	@Test
	void sustainedRateIsTheHighestRateDeliveredWholeWithinOneHundredMilliseconds() {
		String line = BenchmarkChart.sustainedRates(List.of(FAST, SLOW));

		assertThat(line).contains("stomp-chat 100,000 deliveries/s (offered 100/s)")
			.contains("rabbitmq 50,000 deliveries/s (offered 50/s)")
			.contains("ratio stomp-chat / rabbitmq = 2.00");
	}

	@Test
	void sustainedRateOfTheFirstTargetIsComparedWithEachOther() {
		String line = BenchmarkChart.sustainedRates(List.of(FAST, BASELINE, SLOW));

		assertThat(line).contains("baseline 50,000 deliveries/s (offered 50/s)")
			.contains("ratio stomp-chat / baseline = 2.00;")
			.contains("ratio stomp-chat / rabbitmq = 2.00;");
	}

}
