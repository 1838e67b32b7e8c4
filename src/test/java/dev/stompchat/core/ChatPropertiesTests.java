package dev.stompchat.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chat.*} settings: their defaults, and a clear startup failure for bad values.
 */
class ChatPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsMatchTheDocumentedValues() {
		this.contextRunner.run((context) -> {
			ChatProperties properties = context.getBean(ChatProperties.class);
			assertThat(properties.maxTextLength()).isEqualTo(1000);
			assertThat(properties.maxFrameBytes()).isEqualTo(DataSize.ofKilobytes(16));
			assertThat(properties.frameLimit()).isEqualTo(16384);
			assertThat(properties.heartbeat()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.sendTimeLimit()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.sendBufferSizeLimit()).isEqualTo(DataSize.ofKilobytes(512));
			assertThat(properties.maxRooms()).isEqualTo(1000);
			assertThat(properties.history().size()).isEqualTo(100);
			assertThat(properties.history().idleTimeout()).isEqualTo(Duration.ofHours(1));
			assertThat(properties.rateLimit().messagesPerSecond()).isEqualTo(10);
			assertThat(properties.rateLimit().burst()).isEqualTo(20);
			assertThat(properties.rateLimit().maxRejections()).isEqualTo(100);
			assertThat(properties.rateLimit().rejectionWindow()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.presence().coalesceAbove()).isEqualTo(50);
			assertThat(properties.presence().window()).isEqualTo(Duration.ofMillis(500));
			assertThat(properties.allowedOrigins()).isEmpty();
			assertThat(properties.maxConnections()).isEqualTo(20000);
			assertThat(properties.maxConnectionsPerAddress()).isEqualTo(100);
			assertThat(properties.maxHeaders()).isEqualTo(64);
			assertThat(properties.incompleteFrameTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.overload().maxWait()).isEqualTo(Duration.ofMillis(250));
		});
	}

	@Test
	void valuesAreBoundFromTheEnvironment() {
		this.contextRunner
			.withPropertyValues("chat.max-text-length=500", "chat.max-frame-bytes=32KB", "chat.heartbeat=0",
					"chat.send-time-limit=5s", "chat.send-buffer-size-limit=1MB", "chat.max-headers=16",
					"chat.incomplete-frame-timeout=2s", "chat.connect-timeout=500ms", "chat.overload.max-wait=1s")
			.run((context) -> {
				ChatProperties properties = context.getBean(ChatProperties.class);
				assertThat(properties.maxTextLength()).isEqualTo(500);
				assertThat(properties.frameLimit()).isEqualTo(32768);
				assertThat(properties.heartbeat()).isZero();
				assertThat(properties.sendTimeLimit()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.sendBufferSizeLimit()).isEqualTo(DataSize.ofMegabytes(1));
				assertThat(properties.maxHeaders()).isEqualTo(16);
				assertThat(properties.incompleteFrameTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.connectTimeout()).isEqualTo(Duration.ofMillis(500));
				assertThat(properties.overload().maxWait()).isEqualTo(Duration.ofSeconds(1));
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "chat.max-text-length=0          | maxTextLength",
			"chat.max-text-length=100001     | maxTextLength",
			"chat.max-frame-bytes=100B       | chat.max-frame-bytes must be between 1KB and 1MB, but is 100B",
			"chat.max-frame-bytes=2MB        | chat.max-frame-bytes must be between 1KB and 1MB, but is 2097152B",
			"chat.heartbeat=500ms            | chat.heartbeat must be 0 (off) or at least 1s, but is PT0.5S",
			"chat.send-time-limit=0s         | chat.send-time-limit must be at least 100ms, but is PT0S",
			"chat.send-buffer-size-limit=1KB | chat.send-buffer-size-limit must be at least chat.max-frame-bytes",
			"chat.max-headers=0              | maxHeaders", "chat.max-headers=1001           | maxHeaders",
			"chat.incomplete-frame-timeout=50ms | chat.incomplete-frame-timeout must be at least 100ms, but is PT0.05S",
			"chat.connect-timeout=50ms          | chat.connect-timeout must be at least 100ms, but is PT0.05S",
			"chat.connect-timeout=0s            | chat.connect-timeout must be at least 100ms, but is PT0S",
			"chat.overload.max-wait=5ms         | chat.overload.max-wait must be between 10ms and 1m, but is PT0.005S",
			"chat.overload.max-wait=2m          | chat.overload.max-wait must be between 10ms and 1m, but is PT2M" })
	void badValueStopsStartupSayingWhatIsWrong(String property, String expectedMessage) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(expectedMessage);
		});
	}

	@Test
	void shutdownDrainIsTwoSecondsUnlessSetAndZeroTurnsItOff() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ChatProperties.class).shutdown().drain())
			.isEqualTo(Duration.ofSeconds(2)));
		this.contextRunner.withPropertyValues("chat.shutdown.drain=0")
			.run((context) -> assertThat(context.getBean(ChatProperties.class).shutdown().drain()).isZero());
		this.contextRunner.withPropertyValues("chat.shutdown.drain=1m")
			.run((context) -> assertThat(context.getBean(ChatProperties.class).shutdown().drain())
				.isEqualTo(Duration.ofMinutes(1)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "-1s | PT-1S", "61s | PT1M1S" })
	void shutdownDrainOutsideZeroToOneMinuteStopsStartupSayingWhatIsWrong(String drain, String shown) {
		this.contextRunner.withPropertyValues("chat.shutdown.drain=" + drain).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("chat.shutdown.drain must be between 0 and 1m, but is " + shown);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ChatProperties.class)
	static class PropertiesConfiguration {

	}

}
