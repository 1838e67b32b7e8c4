package dev.stompchat.server;

import java.io.IOException;
import java.net.InetAddress;

import dev.stompchat.support.ChatInstance;
import dev.stompchat.support.Nginx;
import dev.stompchat.support.RawHttp;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind nginx, an instance run with {@code server.forward-headers-strategy=native}
 * counts connections by each client's own address, which nginx names in
 * {@code X-Forwarded-For}, rather than by nginx's: one connection per address here.
 * Clients connect from different loopback addresses (127.0.0.x); each test uses addresses
 * of its own, as a slot is free again only once the instance has seen its connection
 * close.
 */
@ExtendWith(Nginx.Installed.class)
class NginxClientAddressTests {

	@AutoClose
	private static Nginx nginx;

	@AutoClose
	private static ChatInstance instance;

	@BeforeAll
	static void start() {
		instance = ChatInstance.start("nginx-client-address", "--server.forward-headers-strategy=native",
				"--chat.max-connections-per-address=1");
		nginx = Nginx.inFrontOf("client-address", instance);
	}

	@Test
	void eachClientAddressHasConnectionsOfItsOwn() throws IOException {
		try (RawHttp first = webSocketFrom("127.0.0.11", "")) {
			assertThat(first.readResponse().status()).isEqualTo(101);
			try (RawHttp second = webSocketFrom("127.0.0.12", "")) {
				assertThat(second.readResponse().status()).isEqualTo(101);
			}
		}
	}

	@Test
	void anAddressPastItsLimitIsRefused() throws IOException {
		try (RawHttp first = webSocketFrom("127.0.0.21", "")) {
			assertThat(first.readResponse().status()).isEqualTo(101);
			try (RawHttp second = webSocketFrom("127.0.0.21", "")) {
				assertThat(second.readResponse().status()).isEqualTo(429);
			}
		}
	}

	@Test
	void anAddressTheClientClaimsIsNotBelieved() throws IOException {
		try (RawHttp first = webSocketFrom("127.0.0.31", "")) {
			assertThat(first.readResponse().status()).isEqualTo(101);
			try (RawHttp claiming = webSocketFrom("127.0.0.31", "X-Forwarded-For: 203.0.113.7\r\n")) {
				assertThat(claiming.readResponse().status()).isEqualTo(429);
			}
		}
	}

	private static RawHttp webSocketFrom(String address, String extraHeaders) throws IOException {
		return RawHttp.connectFrom(InetAddress.getByName(address), nginx.port())
			.write("GET /ws HTTP/1.1\r\nHost: localhost:" + nginx.port() + "\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Key: aGFuZC1tYWRlLWtleS0xNg==\r\n"
					+ "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n");
	}

}
