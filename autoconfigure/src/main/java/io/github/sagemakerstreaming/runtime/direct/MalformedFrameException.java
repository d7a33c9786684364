package io.github.sagemakerstreaming.runtime.direct;

/**
 * Thrown when bytes of an event-stream body are not a well-formed frame: a checksum that
 * does not match, or a length or header outside the format.
 */
public final class MalformedFrameException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what is wrong with the frame
	 */
	public MalformedFrameException(String message) {
		super(message);
	}

}
