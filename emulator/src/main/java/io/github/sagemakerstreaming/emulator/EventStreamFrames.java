package io.github.sagemakerstreaming.emulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Encodes the {@code application/vnd.amazon.eventstream} frames of an
 * {@code InvokeEndpointWithResponseStream} response.
 */
final class EventStreamFrames {

	private EventStreamFrames() {
	}

	static byte[] payloadPart(byte[] bytes) {
		return event("PayloadPart", "application/octet-stream", bytes);
	}

	static byte[] event(String eventType, String contentType, byte[] payload) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":message-type", HeaderValue.fromString("event"));
		headers.put(":event-type", HeaderValue.fromString(eventType));
		headers.put(":content-type", HeaderValue.fromString(contentType));
		return encode(new Message(headers, payload));
	}

	static byte[] exception(String exceptionType, String jsonPayload) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":message-type", HeaderValue.fromString("exception"));
		headers.put(":exception-type", HeaderValue.fromString(exceptionType));
		headers.put(":content-type", HeaderValue.fromString("application/json"));
		return encode(new Message(headers, jsonPayload.getBytes(StandardCharsets.UTF_8)));
	}

	static byte[] withBadChecksum(byte[] frame) {
		byte[] corrupted = frame.clone();
		corrupted[corrupted.length - 1] ^= 0x5A;
		return corrupted;
	}

	private static byte[] encode(Message message) {
		ByteBuffer buffer = message.toByteBuffer();
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

}
