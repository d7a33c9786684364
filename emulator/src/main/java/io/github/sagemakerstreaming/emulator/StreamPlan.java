package io.github.sagemakerstreaming.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What one streaming invocation sends: the container's records cut into {@code PayloadPart} frames,
 * paced by the configured delays, with the configured fault in its place.
 */
record StreamPlan(Dialect dialect, List<String> tokens, String finishReason, Duration firstTokenDelay,
		Duration tokenDelay, int recordsPerPart, int partSize, int faultAfterTokens, StreamFault fault) {

	/**
	 * Returns the frames to write, each after its delay. The flux fails with {@link AbortedStream} where
	 * the connection must be closed without the terminating chunk.
	 */
	Flux<byte[]> frames() {
		List<byte[]> frames = frameList();
		Flux<byte[]> paced = Flux.range(0, frames.size())
			.concatMap((i) -> delayed(frames.get(i), (i == 0) ? this.firstTokenDelay : this.tokenDelay));
		return endsAbruptly() ? paced.concatWith(Mono.error(new AbortedStream())) : paced;
	}

	/**
	 * Returns whether the response ends with an injected fault rather than in full.
	 */
	boolean faulted() {
		return this.fault != null && this.fault.kind() != StreamFault.Kind.UNKNOWN_EVENT;
	}

	private boolean endsAbruptly() {
		return this.fault != null && this.fault.kind() == StreamFault.Kind.CLOSE_MID_FRAME;
	}

	private List<byte[]> frameList() {
		List<byte[]> records = this.dialect.render(this.tokens, this.finishReason);
		if (this.fault == null) {
			return payloadParts(records);
		}
		int cut = Math.min(Math.max(this.faultAfterTokens, 0), records.size());
		List<byte[]> before = records.subList(0, cut);
		List<byte[]> after = records.subList(cut, records.size());
		List<byte[]> frames = new ArrayList<>();
		switch (this.fault.kind()) {
			case MODEL_STREAM_ERROR -> {
				frames.addAll(payloadParts(before));
				frames.add(EventStreamFrames.exception("ModelStreamError", "{\"Message\":" + Dialect.json(this.fault.message())
						+ ",\"ErrorCode\":" + Dialect.json(this.fault.code()) + "}"));
			}
			case INTERNAL_STREAM_FAILURE -> {
				frames.addAll(payloadParts(before));
				frames.add(EventStreamFrames.exception("InternalStreamFailure",
						"{\"Message\":" + Dialect.json(this.fault.message()) + "}"));
			}
			case CONTAINER_ERROR -> {
				List<byte[]> withError = new ArrayList<>(before);
				withError.addAll(this.dialect.renderError(this.fault.message()));
				frames.addAll(payloadParts(withError));
			}
			case CLOSE_MID_FRAME -> {
				frames.addAll(payloadParts(before));
				byte[] next = EventStreamFrames.payloadPart(after.isEmpty() ? new byte[] { '\n' } : after.get(0));
				frames.add(Arrays.copyOf(next, next.length / 2));
			}
			case BAD_CHECKSUM -> {
				frames.addAll(payloadParts(before));
				List<byte[]> rest = payloadParts(after.isEmpty() ? List.of(new byte[] { '\n' }) : after);
				frames.add(EventStreamFrames.withBadChecksum(rest.get(0)));
				frames.addAll(rest.subList(1, rest.size()));
			}
			case UNKNOWN_EVENT -> {
				frames.addAll(payloadParts(before));
				frames.add(EventStreamFrames.event("FutureEvent", "application/json",
						"{\"note\":\"an event type added after this SDK version\"}".getBytes(StandardCharsets.UTF_8)));
				frames.addAll(payloadParts(after));
			}
		}
		return frames;
	}

	private List<byte[]> payloadParts(List<byte[]> records) {
		List<byte[]> parts = new ArrayList<>();
		if (this.partSize > 0) {
			byte[] body = concat(records);
			for (int start = 0; start < body.length; start += this.partSize) {
				parts.add(EventStreamFrames.payloadPart(Arrays.copyOfRange(body, start, Math.min(body.length, start + this.partSize))));
			}
			return parts;
		}
		for (int start = 0; start < records.size(); start += this.recordsPerPart) {
			parts.add(EventStreamFrames.payloadPart(concat(records.subList(start, Math.min(records.size(), start + this.recordsPerPart)))));
		}
		return parts;
	}

	private static byte[] concat(List<byte[]> records) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		records.forEach(out::writeBytes);
		return out.toByteArray();
	}

	private static Mono<byte[]> delayed(byte[] frame, Duration delay) {
		return delay.isZero() ? Mono.just(frame) : Mono.delay(delay).thenReturn(frame);
	}

	/** Signals that the connection must be closed in the middle of the response. */
	static final class AbortedStream extends RuntimeException {

		AbortedStream() {
			super("connection closed mid-frame by fault injection", null, false, false);
		}

	}

}
