package io.github.sagemakerstreaming.runtime.direct;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import org.jspecify.annotations.Nullable;

/**
 * Decodes the frames of an {@code application/vnd.amazon.eventstream} body as its bytes
 * arrive, in pieces of any size, and hands each SageMaker event to a {@link Handler}.
 * <p>
 * Both checksums of every frame are checked before anything of it is used. Frames that
 * arrive whole are decoded where they lie; only a frame split across pieces is copied,
 * into a buffer that starts at a kilobyte and grows to the largest such frame, where the
 * SDK's decoder takes 2 MiB for every stream up front. As in the SDK, a frame of an
 * unknown event or message type is skipped.
 * <p>
 * A decoder is used by one stream at a time, and is not thread-safe.
 */
public final class EventStreamFrameDecoder {

	/** The largest headers section the event-stream format allows. */
	static final int MAX_HEADERS_LENGTH = 128 * 1024;

	/** The largest payload the event-stream format allows. */
	static final int MAX_PAYLOAD_LENGTH = 24 * 1024 * 1024;

	private static final int PRELUDE_LENGTH = 12;

	private static final int OVERHEAD = PRELUDE_LENGTH + 4;

	private static final byte[] MESSAGE_TYPE = ascii(":message-type");

	private static final byte[] EVENT_TYPE = ascii(":event-type");

	private static final byte[] EXCEPTION_TYPE = ascii(":exception-type");

	private static final byte[] ERROR_CODE = ascii(":error-code");

	private static final byte[] ERROR_MESSAGE = ascii(":error-message");

	private static final byte[] EVENT = ascii("event");

	private static final byte[] EXCEPTION = ascii("exception");

	private static final byte[] ERROR = ascii("error");

	private static final byte[] PAYLOAD_PART = ascii("PayloadPart");

	private static final byte STRING = 7;

	private final Handler handler;

	private final CRC32 crc = new CRC32();

	private final StringHeaders headers = new StringHeaders();

	private byte[] pending = new byte[0];

	private int pendingLength;

	/**
	 * Creates a decoder for one stream.
	 * @param handler what receives the stream's events
	 */
	public EventStreamFrameDecoder(Handler handler) {
		this.handler = handler;
	}

	/**
	 * Decodes every frame that the bytes complete, and keeps the rest for the next piece.
	 * @param bytes the next piece of the body; read to its end
	 * @throws MalformedFrameException if a frame's checksum or layout is wrong
	 */
	public void feed(ByteBuffer bytes) {
		if (this.pendingLength == 0 && bytes.hasArray()) {
			byte[] array = bytes.array();
			int start = bytes.arrayOffset() + bytes.position();
			int end = start + bytes.remaining();
			int decoded = decodeFrames(array, start, end);
			bytes.position(bytes.position() + (decoded - start));
		}
		if (!bytes.hasRemaining()) {
			return;
		}
		append(bytes);
		int decoded = decodeFrames(this.pending, 0, this.pendingLength);
		System.arraycopy(this.pending, decoded, this.pending, 0, this.pendingLength - decoded);
		this.pendingLength -= decoded;
	}

	private void append(ByteBuffer bytes) {
		int needed = this.pendingLength + bytes.remaining();
		if (needed > this.pending.length) {
			this.pending = Arrays.copyOf(this.pending, Math.max(needed, Math.max(1024, this.pending.length * 2)));
		}
		int length = bytes.remaining();
		bytes.get(this.pending, this.pendingLength, length);
		this.pendingLength += length;
	}

	/**
	 * Decodes the whole frames in a range.
	 * @return where the first frame not wholly in the range starts
	 */
	private int decodeFrames(byte[] bytes, int start, int end) {
		int position = start;
		while (end - position >= PRELUDE_LENGTH) {
			int totalLength = checkedPrelude(bytes, position);
			if (end - position < totalLength) {
				break;
			}
			decodeFrame(bytes, position, totalLength);
			position += totalLength;
		}
		return position;
	}

	/**
	 * Checks a frame's prelude as soon as it is here, so that a corrupted length is
	 * reported at once rather than waited for.
	 * @return the frame's total length
	 */
	private int checkedPrelude(byte[] bytes, int start) {
		checksum(bytes, start, 8, intAt(bytes, start + 8), "prelude");
		int totalLength = intAt(bytes, start);
		int headersLength = intAt(bytes, start + 4);
		if (headersLength < 0 || headersLength > MAX_HEADERS_LENGTH) {
			throw new MalformedFrameException("Event stream frame headers of " + headersLength
					+ " bytes are outside the format's limit of " + MAX_HEADERS_LENGTH);
		}
		long payloadLength = (long) totalLength - OVERHEAD - headersLength;
		if (payloadLength < 0 || payloadLength > MAX_PAYLOAD_LENGTH) {
			throw new MalformedFrameException("Event stream frame of " + Integer.toUnsignedString(totalLength)
					+ " bytes with " + headersLength + " bytes of headers is outside the format's limits");
		}
		return totalLength;
	}

	private void decodeFrame(byte[] bytes, int start, int totalLength) {
		int crcStart = start + totalLength - 4;
		checksum(bytes, start, totalLength - 4, intAt(bytes, crcStart), "message");
		int headersStart = start + PRELUDE_LENGTH;
		int payloadStart = headersStart + intAt(bytes, start + 4);
		this.headers.read(bytes, headersStart, payloadStart);
		StringHeaders found = this.headers;
		if (found.messageType < 0) {
			throw new MalformedFrameException("Event stream frame without a :message-type header");
		}
		if (found.is(found.messageType, EVENT)) {
			if (found.eventType >= 0 && found.is(found.eventType, PAYLOAD_PART)) {
				this.handler.payloadPart(Arrays.copyOfRange(bytes, payloadStart, crcStart));
			}
		}
		else if (found.is(found.messageType, EXCEPTION)) {
			this.handler.exception(found.string(found.exceptionType),
					Arrays.copyOfRange(bytes, payloadStart, crcStart));
		}
		else if (found.is(found.messageType, ERROR)) {
			this.handler.error(found.string(found.errorCode), found.string(found.errorMessage));
		}
	}

	private void checksum(byte[] bytes, int start, int length, int expected, String part) {
		this.crc.reset();
		this.crc.update(bytes, start, length);
		int computed = (int) this.crc.getValue();
		if (computed != expected) {
			throw new MalformedFrameException("Event stream " + part + " checksum failure: expected "
					+ Integer.toHexString(expected) + ", computed " + Integer.toHexString(computed)
					+ "; the response was corrupted on the way");
		}
	}

	private static int intAt(byte[] bytes, int index) {
		return ((bytes[index] & 0xFF) << 24) | ((bytes[index + 1] & 0xFF) << 16) | ((bytes[index + 2] & 0xFF) << 8)
				| (bytes[index + 3] & 0xFF);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * What a stream's events are given to.
	 */
	public interface Handler {

		/**
		 * Receives a {@code PayloadPart} event's bytes.
		 * @param payload the bytes, the receiver's to keep
		 */
		void payloadPart(byte[] payload);

		/**
		 * Receives a modeled exception ({@code :message-type exception}), such as
		 * {@code ModelStreamError}.
		 * @param exceptionType the {@code :exception-type}, or {@code null} if absent
		 * @param payload its JSON payload
		 */
		void exception(@Nullable String exceptionType, byte[] payload);

		/**
		 * Receives an unmodeled error ({@code :message-type error}).
		 * @param errorCode the {@code :error-code}, or {@code null} if absent
		 * @param errorMessage the {@code :error-message}, or {@code null} if absent
		 */
		void error(@Nullable String errorCode, @Nullable String errorMessage);

	}

	/**
	 * Where the string headers that matter start in one frame's headers, found without
	 * making a string of any of them.
	 */
	private static final class StringHeaders {

		private byte[] bytes = new byte[0];

		private int messageType;

		private int eventType;

		private int exceptionType;

		private int errorCode;

		private int errorMessage;

		void read(byte[] bytes, int start, int end) {
			this.bytes = bytes;
			this.messageType = -1;
			this.eventType = -1;
			this.exceptionType = -1;
			this.errorCode = -1;
			this.errorMessage = -1;
			int position = start;
			while (position < end) {
				int nameLength = bytes[position] & 0xFF;
				int nameStart = position + 1;
				int type = (nameStart + nameLength < end) ? bytes[nameStart + nameLength] : -1;
				int valueStart = nameStart + nameLength + 1;
				if (type == STRING) {
					remember(bytes, nameStart, nameLength, valueStart);
				}
				position = valueStart + valueLength(bytes, type, valueStart, end);
				if (position > end) {
					throw new MalformedFrameException("Event stream frame headers overrun their declared length");
				}
			}
		}

		private void remember(byte[] bytes, int nameStart, int nameLength, int valueStart) {
			if (equal(bytes, nameStart, nameLength, MESSAGE_TYPE)) {
				this.messageType = valueStart;
			}
			else if (equal(bytes, nameStart, nameLength, EVENT_TYPE)) {
				this.eventType = valueStart;
			}
			else if (equal(bytes, nameStart, nameLength, EXCEPTION_TYPE)) {
				this.exceptionType = valueStart;
			}
			else if (equal(bytes, nameStart, nameLength, ERROR_CODE)) {
				this.errorCode = valueStart;
			}
			else if (equal(bytes, nameStart, nameLength, ERROR_MESSAGE)) {
				this.errorMessage = valueStart;
			}
		}

		private static int valueLength(byte[] bytes, int type, int valueStart, int end) {
			return switch (type) {
				case 0, 1 -> 0;
				case 2 -> 1;
				case 3 -> 2;
				case 4 -> 4;
				case 5, 8 -> 8;
				case 9 -> 16;
				case 6, STRING -> {
					if (valueStart + 2 > end) {
						throw new MalformedFrameException("Event stream frame headers overrun their declared length");
					}
					yield 2 + (((bytes[valueStart] & 0xFF) << 8) | (bytes[valueStart + 1] & 0xFF));
				}
				default -> throw new MalformedFrameException("Event stream header of unknown type " + type);
			};
		}

		/**
		 * Returns whether the string value that starts at an index is the given one.
		 */
		boolean is(int valueStart, byte[] expected) {
			byte[] bytes = this.bytes;
			int length = ((bytes[valueStart] & 0xFF) << 8) | (bytes[valueStart + 1] & 0xFF);
			return equal(bytes, valueStart + 2, length, expected);
		}

		@Nullable String string(int valueStart) {
			if (valueStart < 0) {
				return null;
			}
			byte[] bytes = this.bytes;
			int length = ((bytes[valueStart] & 0xFF) << 8) | (bytes[valueStart + 1] & 0xFF);
			return new String(bytes, valueStart + 2, length, StandardCharsets.UTF_8);
		}

		private static boolean equal(byte[] bytes, int start, int length, byte[] expected) {
			return length == expected.length && Arrays.equals(bytes, start, start + length, expected, 0, length);
		}

	}

}
