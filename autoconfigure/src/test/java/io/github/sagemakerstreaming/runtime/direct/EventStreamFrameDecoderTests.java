package io.github.sagemakerstreaming.runtime.direct;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The frame decoder against the format's reference implementation,
 * {@code software.amazon.eventstream}: frames it encodes, cut anywhere, decode to the
 * events its decoder finds, and every corruption it refuses is refused.
 */
class EventStreamFrameDecoderTests {

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 })
	void randomStreamsCutAnywhereDecodeToTheEventsTheReferenceDecoderFinds(int seed) {
		Random random = new Random(seed);
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			messages.add(randomMessage(random));
		}
		byte[] body = concatenate(messages);
		List<String> expected = new ArrayList<>();
		MessageDecoder reference = new MessageDecoder((message) -> expected.add(interpret(message)));
		reference.feed(body);
		assertThat(expected).hasSize(messages.size());
		expected.removeIf((event) -> event.equals("skipped"));
		Recorder recorder = new Recorder();
		EventStreamFrameDecoder decoder = new EventStreamFrameDecoder(recorder);
		int position = 0;
		while (position < body.length) {
			int length = Math.min(body.length - position, 1 + random.nextInt((random.nextInt(4) == 0) ? 2000 : 40));
			decoder.feed(piece(body, position, length, random.nextInt(3)));
			position += length;
		}
		assertThat(recorder.events).containsExactlyElementsOf(expected);
	}

	@Test
	void theWireReferencesTestVectorIsAPayloadPart() {
		byte[] frame = HexFormat.of()
			.parseHex("00000087000000597453"
					+ "5abb0d3a6d6573736167652d747970650700056576656e740b3a6576656e742d74797065"
					+ "07000b5061796c6f6164506172740d3a636f6e74656e742d747970650700186170706c69636174696f6e2f6f63"
					+ "7465742d73747265616d646174613a7b22746f6b656e223a7b2274657874223a224869227d7d0a0a"
					+ crcOf("00000087000000597453"
							+ "5abb0d3a6d6573736167652d747970650700056576656e740b3a6576656e742d74797065"
							+ "07000b5061796c6f6164506172740d3a636f6e74656e742d747970650700186170706c69636174696f6e2f6f63"
							+ "7465742d73747265616d646174613a7b22746f6b656e223a7b2274657874223a224869227d7d0a0a"));
		Recorder recorder = new Recorder();
		new EventStreamFrameDecoder(recorder).feed(ByteBuffer.wrap(frame));
		assertThat(recorder.events).containsExactly("part:data:{\"token\":{\"text\":\"Hi\"}}\n\n");
	}

	@Test
	void everyCorruptedByteOfAFrameIsRefusedAsTheReferenceRefusesIt() {
		byte[] frame = encode(payloadPart("data: {\"token\":{\"text\":\"x\"}}\n\n"));
		for (int i = 0; i < frame.length; i++) {
			byte[] corrupted = frame.clone();
			corrupted[i] ^= 0x10;
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> new MessageDecoder().feed(corrupted));
			Recorder recorder = new Recorder();
			assertThatExceptionOfType(MalformedFrameException.class).as("byte %d", i)
				.isThrownBy(() -> new EventStreamFrameDecoder(recorder).feed(ByteBuffer.wrap(corrupted)))
				.withMessageContaining("checksum");
			assertThat(recorder.events).isEmpty();
		}
	}

	@Test
	void aCorruptedPreludeIsRefusedBeforeTheRestOfItsFrameArrives() {
		byte[] frame = encode(payloadPart("data: x\n\n"));
		frame[2] ^= 0x7F;
		EventStreamFrameDecoder decoder = new EventStreamFrameDecoder(new Recorder());
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> decoder.feed(ByteBuffer.wrap(frame, 0, 12)))
			.withMessageContaining("prelude checksum");
	}

	@Test
	void lengthsOutsideTheFormatAreRefusedWithoutWaitingForThem() {
		byte[] tooManyHeaders = prelude(1000, EventStreamFrameDecoder.MAX_HEADERS_LENGTH + 1);
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> new EventStreamFrameDecoder(new Recorder()).feed(ByteBuffer.wrap(tooManyHeaders)))
			.withMessageContaining("headers");
		byte[] tooLong = prelude(Integer.MAX_VALUE, 10);
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> new EventStreamFrameDecoder(new Recorder()).feed(ByteBuffer.wrap(tooLong)))
			.withMessageContaining("limits");
		byte[] tooShort = prelude(15, 0);
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> new EventStreamFrameDecoder(new Recorder()).feed(ByteBuffer.wrap(tooShort)));
	}

	@Test
	void byteAndShortHeadersAreSkippedByTheirSize() {
		ByteArrayOutputStream headers = new ByteArrayOutputStream();
		headers.writeBytes(new byte[] { 1, 'b', 2, 0x7F });
		headers.writeBytes(new byte[] { 1, 's', 3, 0x12, 0x34 });
		headers.writeBytes(Message.encodeHeaders(payloadPart("").getHeaders().entrySet()));
		byte[] payload = "after".getBytes(StandardCharsets.UTF_8);
		int total = 16 + headers.size() + payload.length;
		ByteBuffer frame = ByteBuffer.allocate(total)
			.put(prelude(total, headers.size()))
			.put(headers.toByteArray())
			.put(payload);
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(frame.array(), 0, total - 4);
		frame.putInt((int) crc.getValue()).flip();
		Recorder recorder = new Recorder();
		new EventStreamFrameDecoder(recorder).feed(frame);
		assertThat(recorder.events).containsExactly("part:after");
	}

	@Test
	void aFrameWithoutAMessageTypeIsRefused() {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":event-type", HeaderValue.fromString("PayloadPart"));
		byte[] frame = encode(new Message(headers, new byte[] { 'x' }));
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> new EventStreamFrameDecoder(new Recorder()).feed(ByteBuffer.wrap(frame)))
			.withMessageContaining(":message-type");
	}

	@Test
	void exceptionsErrorsAndUnknownEventsReachTheHandlerAsTheSdkReadsThem() {
		Map<String, HeaderValue> exception = new LinkedHashMap<>();
		exception.put(":message-type", HeaderValue.fromString("exception"));
		exception.put(":exception-type", HeaderValue.fromString("ModelStreamError"));
		Map<String, HeaderValue> error = new LinkedHashMap<>();
		error.put(":message-type", HeaderValue.fromString("error"));
		error.put(":error-code", HeaderValue.fromString("InternalError"));
		error.put(":error-message", HeaderValue.fromString("gone wrong"));
		Map<String, HeaderValue> unknown = new LinkedHashMap<>();
		unknown.put(":message-type", HeaderValue.fromString("event"));
		unknown.put(":event-type", HeaderValue.fromString("Heartbeat"));
		Map<String, HeaderValue> otherMessageType = new LinkedHashMap<>();
		otherMessageType.put(":message-type", HeaderValue.fromString("ping"));
		byte[] body = concatenate(List.of(payloadPart("a"), new Message(unknown, new byte[] { 1 }),
				new Message(otherMessageType, new byte[0]), payloadPart("b"),
				new Message(exception, "{\"Message\":\"m\"}".getBytes(StandardCharsets.UTF_8)),
				new Message(error, new byte[0])));
		Recorder recorder = new Recorder();
		new EventStreamFrameDecoder(recorder).feed(ByteBuffer.wrap(body));
		assertThat(recorder.events).containsExactly("part:a", "part:b",
				"exception:ModelStreamError:{\"Message\":\"m\"}", "error:InternalError:gone wrong");
	}

	@Test
	void aFrameCutBetweenPiecesIsDecodedWhenItsLastByteArrives() {
		byte[] body = concatenate(List.of(payloadPart("a"), payloadPart("b")));
		Recorder recorder = new Recorder();
		EventStreamFrameDecoder decoder = new EventStreamFrameDecoder(recorder);
		decoder.feed(ByteBuffer.wrap(body, 0, body.length - 3));
		assertThat(recorder.events).containsExactly("part:a");
		decoder.feed(ByteBuffer.wrap(body, body.length - 3, 2));
		assertThat(recorder.events).containsExactly("part:a");
		decoder.feed(ByteBuffer.wrap(body, body.length - 1, 1));
		assertThat(recorder.events).containsExactly("part:a", "part:b");
	}

	@Test
	void aFrameLargerThanAnyPieceIsAssembled() {
		String large = "y".repeat(300_000);
		byte[] body = encode(payloadPart(large));
		Recorder recorder = new Recorder();
		EventStreamFrameDecoder decoder = new EventStreamFrameDecoder(recorder);
		for (int position = 0; position < body.length; position += 8192) {
			decoder.feed(ByteBuffer.wrap(body, position, Math.min(8192, body.length - position)));
		}
		assertThat(recorder.events).containsExactly("part:" + large);
		assertThatNoException().isThrownBy(() -> decoder.feed(ByteBuffer.allocate(0)));
	}

	private static String interpret(Message message) {
		Map<String, HeaderValue> headers = message.getHeaders();
		String messageType = headers.get(":message-type").getString();
		String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
		return switch (messageType) {
			case "event" -> "PayloadPart".equals(string(headers, ":event-type")) ? "part:" + payload : "skipped";
			case "exception" -> "exception:" + string(headers, ":exception-type") + ":" + payload;
			case "error" -> "error:" + string(headers, ":error-code") + ":" + string(headers, ":error-message");
			default -> "skipped";
		};
	}

	private static @Nullable String string(Map<String, HeaderValue> headers, String name) {
		HeaderValue value = headers.get(name);
		return (value != null) ? value.getString() : null;
	}

	/**
	 * A message with a random mix of the SageMaker headers, the other header types, and a
	 * payload of random length, often empty. Byte and short values are left to
	 * {@link #byteAndShortHeadersAreSkippedByTheirSize}: the reference cannot read back
	 * those it wrote.
	 */
	private static Message randomMessage(Random random) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		if (random.nextBoolean()) {
			headers.put("x-extra", randomHeaderValue(random));
		}
		String messageType = List.of("event", "event", "event", "exception", "error", "other").get(random.nextInt(6));
		headers.put(":message-type", HeaderValue.fromString(messageType));
		switch (messageType) {
			case "event" ->
				headers.put(":event-type", HeaderValue.fromString(random.nextInt(5) == 0 ? "Unknown" : "PayloadPart"));
			case "exception" -> headers.put(":exception-type", HeaderValue.fromString("InternalStreamFailure"));
			case "error" -> {
				headers.put(":error-code", HeaderValue.fromString("Code" + random.nextInt(100)));
				if (random.nextBoolean()) {
					headers.put(":error-message", HeaderValue.fromString("message " + random.nextInt()));
				}
			}
			default -> {
			}
		}
		for (int i = random.nextInt(4); i > 0; i--) {
			headers.put("h" + i, randomHeaderValue(random));
		}
		byte[] payload = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(3000)];
		random.nextBytes(payload);
		return new Message(headers, payload);
	}

	private static HeaderValue randomHeaderValue(Random random) {
		return switch (random.nextInt(8)) {
			case 0 -> HeaderValue.fromBoolean(random.nextBoolean());
			case 1 -> HeaderValue.fromBoolean(false);
			case 2 -> HeaderValue.fromLong(random.nextLong());
			case 3 -> HeaderValue.fromInteger(random.nextInt());
			case 4 -> HeaderValue.fromByteArray(new byte[] { 1, 2, 3 });
			case 5 -> HeaderValue.fromTimestamp(Instant.ofEpochMilli(random.nextLong() >>> 20));
			case 6 -> HeaderValue.fromUuid(new UUID(random.nextLong(), random.nextLong()));
			default -> HeaderValue.fromString("v" + random.nextInt());
		};
	}

	/**
	 * A piece of the body as a heap buffer, a heap buffer with an array offset, or a
	 * direct buffer, which has no array.
	 */
	private static ByteBuffer piece(byte[] body, int position, int length, int kind) {
		return switch (kind) {
			case 0 -> ByteBuffer.wrap(body, position, length);
			case 1 -> ByteBuffer.wrap(body).position(position).limit(position + length).slice();
			default -> ByteBuffer.allocateDirect(length).put(body, position, length).flip();
		};
	}

	private static Message payloadPart(String payload) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":message-type", HeaderValue.fromString("event"));
		headers.put(":event-type", HeaderValue.fromString("PayloadPart"));
		headers.put(":content-type", HeaderValue.fromString("application/octet-stream"));
		return new Message(headers, payload.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] prelude(int totalLength, int headersLength) {
		ByteBuffer prelude = ByteBuffer.allocate(12).putInt(totalLength).putInt(headersLength);
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(prelude.array(), 0, 8);
		return prelude.putInt((int) crc.getValue()).array();
	}

	private static String crcOf(String hex) {
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(HexFormat.of().parseHex(hex));
		return String.format("%08x", crc.getValue());
	}

	private static byte[] encode(Message message) {
		ByteBuffer buffer = message.toByteBuffer();
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	private static byte[] concatenate(List<Message> messages) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		messages.forEach((message) -> body.writeBytes(encode(message)));
		return body.toByteArray();
	}

	private static final class Recorder implements EventStreamFrameDecoder.Handler {

		private final List<String> events = new ArrayList<>();

		@Override
		public void payloadPart(byte[] payload) {
			this.events.add("part:" + new String(payload, StandardCharsets.UTF_8));
		}

		@Override
		public void exception(@Nullable String exceptionType, byte[] payload) {
			this.events.add("exception:" + exceptionType + ":" + new String(payload, StandardCharsets.UTF_8));
		}

		@Override
		public void error(@Nullable String errorCode, @Nullable String errorMessage) {
			this.events.add("error:" + errorCode + ":" + errorMessage);
		}

	}

}
