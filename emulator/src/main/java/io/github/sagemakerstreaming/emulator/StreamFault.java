package io.github.sagemakerstreaming.emulator;

import org.jspecify.annotations.Nullable;

/**
 * Something that goes wrong after the HTTP 200 has been sent, injected by an
 * {@link EmulatedEndpoint} once a given number of tokens has been streamed.
 *
 * @param kind what happens
 * @param code the error code, for a {@link Kind#MODEL_STREAM_ERROR}
 * @param message the error message, where the kind has one
 */
public record StreamFault(Kind kind, @Nullable String code, @Nullable String message) {

	/** The kinds of fault. */
	public enum Kind {

		/** A {@code ModelStreamError} exception frame, then the end of the body. */
		MODEL_STREAM_ERROR,

		/** An {@code InternalStreamFailure} exception frame, then the end of the body. */
		INTERNAL_STREAM_FAILURE,

		/**
		 * The container's own in-band error record (see {@link Dialect#renderError}),
		 * then the end of the body.
		 */
		CONTAINER_ERROR,

		/**
		 * Half of the next frame, then the connection is closed without the terminating
		 * HTTP chunk.
		 */
		CLOSE_MID_FRAME,

		/** The next frame is sent with a corrupted message CRC. */
		BAD_CHECKSUM,

		/** The connection is reset (TCP RST) without the terminating chunk. */
		CONNECTION_RESET,

		/**
		 * A frame with an event type that the SDK does not know; the stream then goes on.
		 */
		UNKNOWN_EVENT,

		/**
		 * An extra token whose text holds bytes that are not valid UTF-8; the stream then
		 * goes on.
		 */
		INVALID_UTF8,

		/**
		 * An extra token whose record starts with a field nested
		 * {@value StreamFault#DEEP_NESTING} arrays deep, which a broken or hostile
		 * container could send; the stream then goes on.
		 */
		DEEPLY_NESTED

	}

	/** How many arrays deep a {@link Kind#DEEPLY_NESTED} record nests its first field. */
	public static final int DEEP_NESTING = 100_000;

	/**
	 * A {@code ModelStreamError}, as SageMaker sends when the model does not finish in
	 * time.
	 * @param code the error code, for example {@code ModelInvocationTimeExceeded} or
	 * {@code StreamBroken}
	 * @param message the message
	 * @return the fault
	 */
	public static StreamFault modelStreamError(String code, String message) {
		return new StreamFault(Kind.MODEL_STREAM_ERROR, code, message);
	}

	/**
	 * An {@code InternalStreamFailure}.
	 * @param message the message
	 * @return the fault
	 */
	public static StreamFault internalStreamFailure(String message) {
		return new StreamFault(Kind.INTERNAL_STREAM_FAILURE, null, message);
	}

	/**
	 * The container's own error record inside the 200 stream.
	 * @param message the container's message
	 * @return the fault
	 */
	public static StreamFault containerError(String message) {
		return new StreamFault(Kind.CONTAINER_ERROR, null, message);
	}

	/**
	 * A connection closed in the middle of a frame, with no terminating chunk.
	 * @return the fault
	 */
	public static StreamFault closeMidFrame() {
		return new StreamFault(Kind.CLOSE_MID_FRAME, null, null);
	}

	/**
	 * A frame whose message CRC does not match.
	 * @return the fault
	 */
	public static StreamFault badChecksum() {
		return new StreamFault(Kind.BAD_CHECKSUM, null, null);
	}

	/**
	 * A connection reset (TCP RST) in the middle of the stream.
	 * @return the fault
	 */
	public static StreamFault connectionReset() {
		return new StreamFault(Kind.CONNECTION_RESET, null, null);
	}

	/**
	 * An extra token {@code bad}, the bytes {@code C3 28} (not valid UTF-8),
	 * {@code byte}, after which the stream continues.
	 * @return the fault
	 */
	public static StreamFault invalidUtf8() {
		return new StreamFault(Kind.INVALID_UTF8, null, null);
	}

	/**
	 * An extra token {@code deep} whose record starts with the field
	 * {@code "nested":[[[..]]]}, {@value #DEEP_NESTING} arrays deep, after which the
	 * stream continues.
	 * @return the fault
	 */
	public static StreamFault deeplyNested() {
		return new StreamFault(Kind.DEEPLY_NESTED, null, null);
	}

	/**
	 * A frame of an event type the SDK does not know, after which the stream continues.
	 * @return the fault
	 */
	public static StreamFault unknownEvent() {
		return new StreamFault(Kind.UNKNOWN_EVENT, null, null);
	}

	/**
	 * Returns whether the stream goes on after this fault.
	 * @return true for faults that do not end the stream
	 */
	public boolean continues() {
		return this.kind == Kind.UNKNOWN_EVENT || this.kind == Kind.INVALID_UTF8 || this.kind == Kind.DEEPLY_NESTED;
	}

}
