package dev.stompchat.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.stompchat.core.ChatProperties;
import dev.stompchat.support.Nginx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code docker-compose.yml}, the {@code Dockerfile} and the files they mount
 * configure, checked against the application and against each other, since no container
 * engine runs the tests. {@code NginxDeploymentTests} runs the nginx configuration.
 */
class DeploymentFilesTests {

	private static final String READINESS_URL = "http://localhost:8080/actuator/health/readiness";

	private static final List<String> INSTANCES = List.of("chat-1", "chat-2");

	// A source with this name is read as Spring Boot reads the real environment: with its
	// mapping of CHAT_RABBITMQ_STREAM_PREFIX to chat.rabbitmq.stream-prefix, nested
	// settings included.
	private static final String ENVIRONMENT_SOURCE = "compose-"
			+ StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

	private static final Pattern UPSTREAM_SERVER = Pattern.compile("(?m)^\\s*server\\s+([^:\\s]+):(\\d+)");

	@ParameterizedTest
	@ValueSource(strings = { "chat-1", "chat-2" })
	void everyVariableOfAnInstanceIsASettingTheApplicationReads(String instance) throws IOException {
		assertThat(unreadVariables(environment(instance)))
			.as("variables that no chat.*, spring.rabbitmq.* or server.* setting reads")
			.isEmpty();
	}

	@Test
	void misspelledOrUnknownVariablesAreNotRead() {
		Map<String, String> environment = Map.of("CHAT_MAX_TEXT_LENGHT", "10", "CHAT_RABBITMQ_STREAMS_PREFIX", "x",
				"SPRING_RABBITMQ_HOSTNAME", "rabbitmq", "CHAT_RABBITMQ_STREAM_PREFIX", "chat");

		assertThat(unreadVariables(environment)).containsExactlyInAnyOrder("CHAT_MAX_TEXT_LENGHT",
				"CHAT_RABBITMQ_STREAMS_PREFIX", "SPRING_RABBITMQ_HOSTNAME");
	}

	@Test
	void instancesSettingsAreValidAndAsWritten() throws IOException {
		Map<String, String> environment = environment("chat-1");

		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withUserConfiguration(PropertiesConfiguration.class)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(ENVIRONMENT_SOURCE, new HashMap<>(environment))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ChatProperties properties = context.getBean(ChatProperties.class);
				assertThat(properties.broker()).isEqualTo(ChatProperties.Broker.RABBITMQ);
				assertThat(properties.maxTextLength())
					.isEqualTo(Integer.parseInt(environment.get("CHAT_MAX_TEXT_LENGTH")));
				assertThat(properties.maxFrameBytes())
					.isEqualTo(DataSize.parse(environment.get("CHAT_MAX_FRAME_BYTES")));
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "chat-1", "chat-2" })
	@SuppressWarnings("unchecked")
	void instancesStartOnceRabbitMqIsHealthyAndProbeTheirReadiness(String instance) throws IOException {
		Map<String, Object> chat = service(instance);
		Map<String, String> environment = environment(instance);

		assertThat(environment).containsEntry("CHAT_BROKER", "rabbitmq")
			.containsEntry("SPRING_RABBITMQ_HOST", "rabbitmq")
			.containsEntry("SPRING_RABBITMQ_STREAM_HOST", "rabbitmq")
			.containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native");
		assertThat((Map<String, Object>) chat.get("depends_on")).containsEntry("rabbitmq",
				Map.of("condition", "service_healthy"));
		assertThat((List<String>) ((Map<String, Object>) chat.get("healthcheck")).get("test")).contains(READINESS_URL);
		assertThat(chat).as("reached through nginx only").doesNotContainKey("ports");
	}

	@Test
	@SuppressWarnings("unchecked")
	void rabbitMqRunsTheStreamPluginAndReportsHealthyWhenItsPortsAccept() throws IOException {
		Map<String, Object> rabbitmq = service("rabbitmq");

		assertThat(rabbitmq).containsEntry("hostname", "rabbitmq");
		assertThat((List<String>) ((Map<String, Object>) rabbitmq.get("healthcheck")).get("test"))
			.containsSubsequence("rabbitmq-diagnostics", "check_port_connectivity");
		String pluginsMount = ((List<String>) rabbitmq.get("volumes")).stream()
			.filter((volume) -> volume.contains(":/etc/rabbitmq/enabled_plugins"))
			.findFirst()
			.orElseThrow();
		assertThat(Files.readString(Path.of(pluginsMount.substring(0, pluginsMount.indexOf(':')))))
			.contains("rabbitmq_stream");
		assertThat(environment("chat-1"))
			.containsEntry("SPRING_RABBITMQ_USERNAME",
					String.valueOf(((Map<String, Object>) rabbitmq.get("environment")).get("RABBITMQ_DEFAULT_USER")))
			.containsEntry("SPRING_RABBITMQ_PASSWORD",
					String.valueOf(((Map<String, Object>) rabbitmq.get("environment")).get("RABBITMQ_DEFAULT_PASS")));
	}

	@Test
	@SuppressWarnings("unchecked")
	void nginxPublishesThePortWithTheShippedConfigurationOnceBothInstancesAreReady() throws IOException {
		Map<String, Object> nginx = service("nginx");

		assertThat((List<String>) nginx.get("ports")).containsExactly("8080:8080");
		assertThat((List<String>) nginx.get("volumes"))
			.containsExactly("./" + Nginx.SHIPPED_CONFIGURATION + ":/etc/nginx/conf.d/default.conf:ro");
		assertThat((Map<String, Object>) nginx.get("depends_on")).containsOnlyKeys(INSTANCES)
			.allSatisfy((name, condition) -> assertThat(condition).isEqualTo(Map.of("condition", "service_healthy")));
	}

	@Test
	void nginxSendsToEveryInstanceOnThePortItListensOn() throws IOException {
		String configuration = Files.readString(Nginx.SHIPPED_CONFIGURATION);
		Set<String> upstreamServers = new HashSet<>();
		for (Matcher server = UPSTREAM_SERVER.matcher(configuration); server.find();) {
			upstreamServers.add(server.group(1));
			assertThat(server.group(2)).isEqualTo("8080");
		}

		assertThat(upstreamServers).containsExactlyInAnyOrderElementsOf(INSTANCES);
		assertThat(configuration).containsPattern("(?m)^\\s*listen 8080;$");
	}

	@Test
	void imageProbesReadinessAndRunsAsNonRootUser() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));

		assertThat(dockerfile).contains("HEALTHCHECK")
			.contains(READINESS_URL)
			.containsPattern("(?m)^USER chat$")
			.contains("./mvnw")
			.contains("FROM eclipse-temurin:25-jre");
	}

	@Test
	void imageAndComposeSizeTheHeapFromTheStart() throws IOException {
		String heapFromTheStart = "-XX:InitialRAMPercentage=75 -XX:MaxRAMPercentage=75";

		assertThat(Files.readString(Path.of("Dockerfile")))
			.contains("ENV JAVA_TOOL_OPTIONS=\"" + heapFromTheStart + "\"");
		assertThat(environment("chat-1")).containsEntry("JAVA_TOOL_OPTIONS", heapFromTheStart);
		assertThat(environment("chat-2")).containsEntry("JAVA_TOOL_OPTIONS", heapFromTheStart);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> environment(String service) throws IOException {
		Map<String, String> environment = new HashMap<>();
		((Map<String, Object>) service(service).get("environment"))
			.forEach((name, value) -> environment.put(name, String.valueOf(value)));
		return environment;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(String name) throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(reader);
			Map<String, Object> services = (Map<String, Object>) compose.get("services");
			assertThat(services).containsKey(name);
			return (Map<String, Object>) services.get(name);
		}
	}

	/**
	 * The variables that none of the settings of stomp-chat, of Spring Boot's RabbitMQ
	 * connection and of its server reads, but {@code JAVA_TOOL_OPTIONS}, which the JVM
	 * reads.
	 */
	private static Set<String> unreadVariables(Map<String, String> environment) {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addLast(new SystemEnvironmentPropertySource(ENVIRONMENT_SOURCE, new HashMap<>(environment)));
		Binder binder = new Binder(ConfigurationPropertySources.from(sources));
		Set<String> read = new HashSet<>();
		SourcesRecorder recorder = new SourcesRecorder(read);
		binder.bindOrCreate("chat", Bindable.of(ChatProperties.class), recorder);
		binder.bindOrCreate("spring.rabbitmq", Bindable.of(RabbitProperties.class), recorder);
		binder.bindOrCreate("server", Bindable.of(ServerProperties.class), recorder);
		Set<String> unread = new HashSet<>(environment.keySet());
		unread.removeAll(read);
		unread.remove("JAVA_TOOL_OPTIONS");
		return unread;
	}

	/** Records which variables the bound settings were read from. */
	private static final class SourcesRecorder extends AbstractBindHandler {

		private final Set<String> read;

		private SourcesRecorder(Set<String> read) {
			this.read = read;
		}

		@Override
		public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Object result) {
			ConfigurationProperty property = context.getConfigurationProperty();
			if (property != null && property.getOrigin() instanceof PropertySourceOrigin origin) {
				this.read.add(origin.getPropertyName());
			}
			return result;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ChatProperties.class)
	static class PropertiesConfiguration {

	}

}
