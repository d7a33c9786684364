package io.github.sagemakerstreaming.runtime;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Watches one stream's time limits with a single timer: the stream reports its events and its first
 * token, and {@link #expiry()} sleeps until the nearest deadline, re-arming itself only when it wakes
 * early. Reporting an event costs one volatile write, whatever the rate of tokens.
 */
final class StreamDeadlines {

	private final StreamLimits limits;

	private final String endpointName;

	private final long startNanos = System.nanoTime();

	private volatile long lastEventNanos;

	private volatile boolean tokenSeen;

	private volatile String requestId;

	StreamDeadlines(StreamLimits limits, String endpointName) {
		this.limits = limits;
		this.endpointName = endpointName;
	}

	void responded(String requestId) {
		this.requestId = requestId;
	}

	void event() {
		this.lastEventNanos = System.nanoTime();
	}

	void token() {
		this.tokenSeen = true;
	}

	/**
	 * Returns a {@code Mono} that emits the timeout when a limit passes, and never otherwise.
	 */
	Mono<StreamTimeoutException> expiry() {
		return Mono.defer(() -> {
			long now = System.nanoTime();
			long wait = Long.MAX_VALUE;
			if (this.limits.firstToken() != null && !this.tokenSeen) {
				long left = this.startNanos + this.limits.firstToken().toNanos() - now;
				if (left <= 0) {
					return Mono.just(timeout(StreamTimeoutException.Limit.FIRST_TOKEN, this.limits.firstToken(), now));
				}
				wait = left;
			}
			long lastEvent = this.lastEventNanos;
			if (this.limits.idle() != null && lastEvent != 0) {
				long left = lastEvent + this.limits.idle().toNanos() - now;
				if (left <= 0) {
					return Mono.just(timeout(StreamTimeoutException.Limit.IDLE, this.limits.idle(), now));
				}
				wait = Math.min(wait, left);
			}
			if (this.limits.total() != null) {
				long left = this.startNanos + this.limits.total().toNanos() - now;
				if (left <= 0) {
					return Mono.just(timeout(StreamTimeoutException.Limit.TOTAL, this.limits.total(), now));
				}
				wait = Math.min(wait, left);
			}
			if (wait == Long.MAX_VALUE) {
				// Only the idle limit is set and no event has arrived yet: look again after one idle period.
				wait = this.limits.idle().toNanos();
			}
			return Mono.delay(Duration.ofNanos(wait)).then(expiry());
		});
	}

	private StreamTimeoutException timeout(StreamTimeoutException.Limit limit, Duration value, long now) {
		return new StreamTimeoutException(limit, value, Duration.ofNanos(now - this.startNanos), this.endpointName,
				this.requestId);
	}

}
