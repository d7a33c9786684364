package io.github.sagemakerstreaming.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What one streaming invocation sends: the container's records cut into
 * {@code PayloadPart} frames, paced by the configured delays and pauses (with keep-alives
 * while waiting, if asked), with the configured fault in its place.
 */
final class StreamPlan {

	private static final byte[] INVALID_UTF8 = { (byte) 0xC3, (byte) 0x28 };

	private static final String INVALID_UTF8_MARKER = "INVALIDUTF8MARKER";

	private final EmulatedEndpoint.Settings settings;

	private final Answer answer;

	private final List<Step> steps = new ArrayList<>();

	private Duration pendingDelay;

	private StreamPlan(EmulatedEndpoint.Settings settings, Answer answer) {
		this.settings = settings;
		this.answer = answer;
		this.pendingDelay = settings.firstTokenDelay();
	}

	static StreamPlan of(EmulatedEndpoint.Settings settings, Answer answer) {
		StreamPlan plan = new StreamPlan(settings, answer);
		plan.build();
		return plan;
	}

	Answer answer() {
		return this.answer;
	}

	/**
	 * Returns the frames to write, each after its delay. The flux fails with
	 * {@link AbortedStream} where the connection must be closed or reset without the
	 * terminating chunk.
	 */
	Flux<byte[]> frames() {
		Flux<byte[]> paced = Flux.fromIterable(this.steps).concatMap(StreamPlan::delayed);
		StreamFault fault = this.settings.fault();
		if (fault != null && (fault.kind() == StreamFault.Kind.CLOSE_MID_FRAME
				|| fault.kind() == StreamFault.Kind.CONNECTION_RESET)) {
			return paced.concatWith(Mono.error(new AbortedStream(fault.kind() == StreamFault.Kind.CONNECTION_RESET)));
		}
		return paced;
	}

	/**
	 * Returns every frame of the answer in one body, ignoring the delays.
	 */
	byte[] body() {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		this.steps.forEach((step) -> body.writeBytes(step.frame()));
		return body.toByteArray();
	}

	/**
	 * Returns whether the response ends with an injected fault rather than in full.
	 */
	boolean faulted() {
		return this.settings.fault() != null && !this.settings.fault().continues();
	}

	private void build() {
		Dialect dialect = this.settings.dialect();
		List<byte[]> records = dialect.render(this.answer);
		StreamFault fault = this.settings.fault();
		int faultAt = (fault != null) ? Math.min(Math.max(this.settings.faultAfterTokens(), 0), records.size()) : -1;
		int pauseAt = this.settings.pauseAfterTokens();
		List<byte[]> group = new ArrayList<>();
		for (int i = 0; i <= records.size(); i++) {
			if (i == pauseAt) {
				flush(group);
				this.pendingDelay = this.settings.pause();
			}
			if (fault != null && i == faultAt) {
				flush(group);
				if (!inject(fault, records.subList(i, records.size()), group)) {
					return;
				}
			}
			if (i < records.size()) {
				group.add(records.get(i));
			}
		}
		flush(group);
	}

	/**
	 * Adds the fault's frames; returns whether the remaining records are still sent.
	 */
	private boolean inject(StreamFault fault, List<byte[]> remaining, List<byte[]> group) {
		Dialect dialect = this.settings.dialect();
		switch (fault.kind()) {
			case MODEL_STREAM_ERROR -> add(EventStreamFrames.exception("ModelStreamError", "{\"Message\":"
					+ Dialect.json(fault.message()) + ",\"ErrorCode\":" + Dialect.json(fault.code()) + "}"));
			case INTERNAL_STREAM_FAILURE -> add(EventStreamFrames.exception("InternalStreamFailure",
					"{\"Message\":" + Dialect.json(fault.message()) + "}"));
			case CONTAINER_ERROR -> {
				group.addAll(
						dialect.renderError(Objects.requireNonNull(fault.message(), "a container error's message")));
				flush(group);
			}
			case CLOSE_MID_FRAME -> {
				byte[] next = EventStreamFrames
					.payloadPart(remaining.isEmpty() ? new byte[] { '\n' } : remaining.get(0));
				add(Arrays.copyOf(next, next.length / 2));
			}
			case CONNECTION_RESET -> {
			}
			case BAD_CHECKSUM -> {
				add(EventStreamFrames.withBadChecksum(
						EventStreamFrames.payloadPart(remaining.isEmpty() ? new byte[] { '\n' } : remaining.get(0))));
				return false;
			}
			case UNKNOWN_EVENT -> add(EventStreamFrames.event("FutureEvent", "application/json",
					"{\"note\":\"an event type added after this SDK version\"}".getBytes(StandardCharsets.UTF_8)));
			case INVALID_UTF8 -> group.add(invalidUtf8Record(dialect));
			case DEEPLY_NESTED -> group.add(deeplyNestedRecord(dialect));
		}
		return fault.continues();
	}

	private static byte[] invalidUtf8Record(Dialect dialect) {
		byte[] record = dialect.tokenRecord(0, "bad" + INVALID_UTF8_MARKER + "byte").getBytes(StandardCharsets.UTF_8);
		String text = new String(record, StandardCharsets.ISO_8859_1);
		int at = text.indexOf(INVALID_UTF8_MARKER);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(record, 0, at);
		out.writeBytes(INVALID_UTF8);
		out.write(record, at + INVALID_UTF8_MARKER.length(), record.length - at - INVALID_UTF8_MARKER.length());
		return out.toByteArray();
	}

	private static byte[] deeplyNestedRecord(Dialect dialect) {
		String record = dialect.tokenRecord(0, "deep");
		int open = record.indexOf('{') + 1;
		String nested = "\"nested\":" + "[".repeat(StreamFault.DEEP_NESTING) + "]".repeat(StreamFault.DEEP_NESTING)
				+ ",";
		return (record.substring(0, open) + nested + record.substring(open)).getBytes(StandardCharsets.UTF_8);
	}

	private void flush(List<byte[]> group) {
		if (group.isEmpty()) {
			return;
		}
		int partSize = this.settings.partSize();
		if (partSize > 0) {
			byte[] body = concat(group);
			for (int start = 0; start < body.length; start += partSize) {
				add(EventStreamFrames
					.payloadPart(Arrays.copyOfRange(body, start, Math.min(body.length, start + partSize))));
			}
		}
		else {
			int perPart = this.settings.recordsPerPart();
			for (int start = 0; start < group.size(); start += perPart) {
				add(EventStreamFrames
					.payloadPart(concat(group.subList(start, Math.min(group.size(), start + perPart)))));
			}
		}
		group.clear();
	}

	private void add(byte[] frame) {
		Duration delay = this.pendingDelay;
		Duration interval = this.settings.keepAliveInterval();
		byte[] keepAlive = this.settings.dialect().keepAliveRecord();
		if (interval != null && keepAlive != null) {
			while (delay.compareTo(interval) >= 0) {
				this.steps.add(new Step(EventStreamFrames.payloadPart(keepAlive), interval));
				delay = delay.minus(interval);
			}
		}
		this.steps.add(new Step(frame, delay));
		this.pendingDelay = this.settings.tokenDelay();
	}

	private static byte[] concat(List<byte[]> records) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		records.forEach(out::writeBytes);
		return out.toByteArray();
	}

	private static Mono<byte[]> delayed(Step step) {
		return step.delay().isZero() ? Mono.just(step.frame()) : Mono.delay(step.delay()).thenReturn(step.frame());
	}

	private record Step(byte[] frame, Duration delay) {

	}

	/**
	 * Signals that the connection must be closed, or reset, in the middle of the
	 * response.
	 */
	static final class AbortedStream extends RuntimeException {

		private final boolean reset;

		AbortedStream(boolean reset) {
			super("connection " + (reset ? "reset" : "closed mid-frame") + " by fault injection", null, false, false);
			this.reset = reset;
		}

		boolean reset() {
			return this.reset;
		}

	}

}
