package dev.stompchat.identity;

/**
 * Someone else holds the nickname a connection asked for.
 */
class NicknameTakenException extends IllegalArgumentException {

	NicknameTakenException(Nickname nickname) {
		super("Nickname '" + nickname + "' is taken: choose another one.");
	}

}
