package io.github.sagemakerstreaming.runtime.format;

import java.util.Arrays;

/**
 * Splits bytes that arrive in arbitrary pieces into lines, on the byte {@code \n} (which
 * never occurs inside a multi-byte UTF-8 character), so that text is decoded only once a
 * line is whole. A line that lies within one piece is handed over without copying; only a
 * line split over pieces is buffered, and never beyond the size limit.
 */
final class LineFramer {

	private final int maxLineLength;

	private byte[] carry = new byte[0];

	private int carryLength;

	LineFramer(int maxLineLength) {
		this.maxLineLength = maxLineLength;
	}

	/**
	 * Receives one line, without its {@code \n}. The array is only valid during the call.
	 */
	@FunctionalInterface
	interface LineHandler {

		void line(byte[] bytes, int offset, int length);

	}

	/**
	 * Hands every line that the piece completes to the handler and keeps the rest.
	 * @throws RecordTooLargeException if a line grows beyond the limit
	 */
	void feed(byte[] piece, LineHandler handler) {
		int start = 0;
		int end = ByteSearch.newline(piece, start, piece.length);
		while (end >= 0) {
			if (this.carryLength > 0) {
				append(piece, start, end - start);
				handler.line(this.carry, 0, takeCarry());
			}
			else {
				checkLength(end - start);
				handler.line(piece, start, end - start);
			}
			start = end + 1;
			end = ByteSearch.newline(piece, start, piece.length);
		}
		append(piece, start, piece.length - start);
	}

	/**
	 * Hands the last line, which had no {@code \n}, to the handler, if there is one.
	 */
	void finish(LineHandler handler) {
		if (this.carryLength > 0) {
			handler.line(this.carry, 0, takeCarry());
		}
	}

	private int takeCarry() {
		int length = this.carryLength;
		this.carryLength = 0;
		return length;
	}

	private void append(byte[] bytes, int offset, int length) {
		int needed = this.carryLength + length;
		checkLength(needed);
		if (needed > this.carry.length) {
			this.carry = Arrays.copyOf(this.carry,
					Math.min(Math.max(needed, this.carry.length * 2), this.maxLineLength));
		}
		System.arraycopy(bytes, offset, this.carry, this.carryLength, length);
		this.carryLength = needed;
	}

	private void checkLength(int length) {
		if (length > this.maxLineLength) {
			this.carryLength = 0;
			throw new RecordTooLargeException(this.maxLineLength);
		}
	}

	/** A line longer than the limit. */
	static final class RecordTooLargeException extends RuntimeException {

		RecordTooLargeException(int limit) {
			super("line longer than " + limit + " bytes", null, false, false);
		}

	}

}
