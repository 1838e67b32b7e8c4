package dev.stompchat.identity;

/**
 * Someone else holds the nickname a connection asked for.
 */
public class NicknameTakenException extends IllegalArgumentException {

	public NicknameTakenException(Nickname nickname) {
		super("Nickname '" + nickname + "' is taken: choose another one.");
	}

}
