package dev.stompchat.support;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@link Nginx} rewrites the shipped configuration; no nginx needed. */
class NginxConfigurationTests {

	@Test
	void upstreamServersAndListenPortAreReplacedAndTheRestKept() throws IOException {
		String shipped = Files.readString(Nginx.SHIPPED_CONFIGURATION);

		String rewritten = Nginx.rewrite(shipped, 3333, List.of(1111, 2222, 4444));

		assertThat(rewritten).doesNotContain("chat-1", "chat-2", "listen 8080;")
			.contains("listen 127.0.0.1:3333;")
			.containsSubsequence("upstream stomp_chat {", "hash $sockjs_session consistent;", "server 127.0.0.1:1111;",
					"server 127.0.0.1:2222;", "server 127.0.0.1:4444;", "}");
		assertThat(rewritten.replaceAll("(?m)^\\s*(server 127.*|listen 127.*)\\n", ""))
			.isEqualTo(shipped.replaceAll("(?m)^\\s*(server chat-.*|listen 8080;)\\n", ""));
	}

}
