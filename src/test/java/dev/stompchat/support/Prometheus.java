package dev.stompchat.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scrape of {@code /actuator/prometheus}, read the way Prometheus reads it: a series
 * such as {@code chat_refusals_total{code="TEXT_EMPTY"}} and its value.
 */
public final class Prometheus {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final String text;

	private Prometheus(String text) {
		this.text = text;
	}

	public static Prometheus scrape(int port) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
			.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("the scrape's status").isEqualTo(200);
			return new Prometheus(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The value of a series, written as the scrape writes it: the name, and its labels in
	 * braces in alphabetical order.
	 */
	public double value(String series) {
		return this.text.lines()
			.filter((line) -> line.startsWith(series + " "))
			.map((line) -> Double.parseDouble(line.substring(series.length() + 1).trim()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No series " + series + " in the scrape"));
	}

	public String text() {
		return this.text;
	}

}
