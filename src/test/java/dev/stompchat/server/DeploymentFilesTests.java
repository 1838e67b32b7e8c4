package dev.stompchat.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.stompchat.core.ChatProperties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code docker-compose.yml} and the {@code Dockerfile} configure, checked against
 * the application, since no container engine runs the tests.
 */
class DeploymentFilesTests {

	private static final String READINESS_URL = "http://localhost:8080/actuator/health/readiness";

	@Test
	@SuppressWarnings("unchecked")
	void composeEnvironmentBindsToChatSettings() throws IOException {
		Map<String, Object> environment = new HashMap<>((Map<String, Object>) chatService().get("environment"));
		environment.replaceAll((name, value) -> String.valueOf(value));

		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withUserConfiguration(PropertiesConfiguration.class)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource("compose", environment)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ChatProperties properties = context.getBean(ChatProperties.class);
				assertThat(properties.maxTextLength())
					.isEqualTo(Integer.parseInt((String) environment.get("CHAT_MAX_TEXT_LENGTH")));
				assertThat(properties.maxFrameBytes())
					.isEqualTo(DataSize.parse((String) environment.get("CHAT_MAX_FRAME_BYTES")));
			});
	}

	@Test
	@SuppressWarnings("unchecked")
	void composeProbesReadinessOnThePublishedPort() throws IOException {
		Map<String, Object> chat = chatService();

		assertThat((List<String>) chat.get("ports")).containsExactly("8080:8080");
		assertThat((List<String>) ((Map<String, Object>) chat.get("healthcheck")).get("test")).contains(READINESS_URL);
	}

	@Test
	void imageProbesReadinessAndRunsAsNonRootUser() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));

		assertThat(dockerfile).contains("HEALTHCHECK")
			.contains(READINESS_URL)
			.containsPattern("(?m)^USER chat$")
			.contains("./mvnw")
			.contains("FROM eclipse-temurin:17-jre");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> chatService() throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(reader);
			return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("chat");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ChatProperties.class)
	static class PropertiesConfiguration {

	}

}
