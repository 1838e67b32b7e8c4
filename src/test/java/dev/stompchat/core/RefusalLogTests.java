package dev.stompchat.core;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class RefusalLogTests {

	@Test
	void eachRefusalIsOneWarningLine(CapturedOutput output) {
		new RefusalLog().refused("s-1", "Sending to '/topic/x' is not allowed.");

		assertThat(output.getAll().lines().filter((line) -> !line.isBlank())).singleElement()
			.asString()
			.contains(" WARN ", "Refused a frame of session s-1: Sending to '/topic/x' is not allowed.");
	}

	@Test
	void aFloodOfRefusalsIsLoggedOnlyUpToTheBurstAndTheNextLineSaysHowManyWereLeftOut(CapturedOutput output) {
		RefusalLog log = new RefusalLog();
		for (int i = 0; i < 10_000; i++) {
			log.refused("s-" + i, "flood");
		}

		long lines = output.getAll().lines().filter((line) -> line.contains("Refused a frame")).count();
		assertThat(lines).isBetween((long) RefusalLog.BURST, RefusalLog.BURST + 20L);
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
			log.refused("s-later", "later");
			return output.getAll().contains("more refusals were not logged");
		});
	}

}
