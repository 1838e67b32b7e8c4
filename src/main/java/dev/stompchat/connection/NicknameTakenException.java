package dev.stompchat.connection;

/**
 * Someone else holds the nickname a connection asked for.
 */
public class NicknameTakenException extends IllegalArgumentException {

	NicknameTakenException(Nickname nickname) {
		super("Nickname '" + nickname + "' is taken: choose another one.");
	}

}
