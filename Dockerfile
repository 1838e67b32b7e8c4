# Build with the Maven wrapper, run on a JRE as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp package -DskipTests && cp target/stomp-chat-*.jar stomp-chat.jar

# Compiled for Java 17, run on Java 25: a fifth less CPU per delivery (docs/performance.md)
FROM eclipse-temurin:25-jre
RUN apt-get update \
	&& apt-get install -y --no-install-recommends curl \
	&& rm -rf /var/lib/apt/lists/* \
	&& groupadd --system chat \
	&& useradd --system --gid chat --home-dir /app chat
WORKDIR /app
COPY --from=build /workspace/stomp-chat.jar stomp-chat.jar
# The heap takes three quarters of the container's memory, and takes it from the start:
# the JVM would otherwise use a quarter and grow into it on demand, which costs fan-out a
# quarter of its capacity until it has grown (docs/performance.md, step 7). Override with
# -e JAVA_TOOL_OPTIONS=...
ENV JAVA_TOOL_OPTIONS="-XX:InitialRAMPercentage=75 -XX:MaxRAMPercentage=75"
USER chat
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
	CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/app/stomp-chat.jar"]
