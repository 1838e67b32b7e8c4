package dev.stompchat.bench;

import java.util.Arrays;

/**
 * The standard load scenarios, by the name {@code bench.scenario} takes.
 */
enum Scenario {

	/**
	 * Publishers send to one room that every subscriber receives, at each offered rate.
	 */
	FAN_OUT("fan-out"),

	/** Every connection sits in a small room and publishes to it at a low rate. */
	MANY_ROOMS("many-rooms"),

	/** Connections that only hold on, heart-beating, to show what each one costs. */
	IDLE("idle"),

	/** Fan-out past what the server sustains, to see how it sheds load and recovers. */
	OVERLOAD("overload"),

	/**
	 * Fan-out over several instances of one cluster sharing a broker: subscribers spread
	 * over the instances in turn, publishers on the first; the broker's CPU per message
	 * and each instance's CPU are measured too.
	 */
	CLUSTER_FAN_OUT("cluster-fan-out");

	private final String propertyValue;

	Scenario(String propertyValue) {
		this.propertyValue = propertyValue;
	}

	String propertyValue() {
		return this.propertyValue;
	}

	static Scenario of(String propertyValue) {
		return Arrays.stream(values())
			.filter((scenario) -> scenario.propertyValue.equals(propertyValue))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown bench.scenario '" + propertyValue
					+ "': use fan-out, many-rooms, idle, overload or cluster-fan-out"));
	}

}
