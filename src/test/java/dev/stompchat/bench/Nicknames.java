package dev.stompchat.bench;

/**
 * Gives each connection of a run its own nickname, as stomp-chat holds each nickname for
 * one person; a new run takes new ones, so that it never races the server freeing the
 * last run's.
 */
final class Nicknames {

	private final BenchmarkOptions options;

	private final int run;

	Nicknames(BenchmarkOptions options, int run) {
		this.options = options;
		this.run = run;
	}

	/**
	 * What the CONNECT of one connection says.
	 * @param role what the connection does, such as {@code sub}
	 * @param index its number among those of its role
	 */
	StompLoadClient.ConnectHeaders connect(String role, int index) {
		String nickname = "r" + this.run + "-" + role + "-" + index;
		String login = this.options.login().isEmpty() ? nickname : this.options.login();
		return new StompLoadClient.ConnectHeaders(this.options.host(), login, this.options.passcode(), nickname,
				this.options.heartbeat().toMillis());
	}

}
