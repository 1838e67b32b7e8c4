package dev.stompchat.core;

/**
 * A client's request that cannot be carried out; reported to that client only, with a
 * stable code and a sentence a person can read.
 */
public class ChatException extends RuntimeException {

	private final ChatErrorCode code;

	public ChatException(ChatErrorCode code, String message) {
		super(message);
		this.code = code;
	}

	public ChatErrorCode getCode() {
		return this.code;
	}

}
