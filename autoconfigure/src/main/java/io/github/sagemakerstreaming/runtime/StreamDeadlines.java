package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Watches one stream's time limits with a single timer, on a worker of its own that the
 * stream's end disposes. The stream reports the events it asks the SDK for and receives,
 * and the chunks it delivers; the timer sleeps until the nearest deadline and, when it
 * wakes early, schedules itself again as a new task, so that a stream re-armed a million
 * times is watched on the same stack depth as one re-armed once.
 * <p>
 * An event costs one counter increment and no clock read: while the idle limit is
 * watched, the timer looks at the counter every eighth of the limit and restarts the idle
 * clock when it has moved. The idle limit therefore passes between one and one and an
 * eighth idle periods after the endpoint's last event, never before: a check during which
 * an event came, or that ends while a request is under way, leaves the idle limit to the
 * next check, as the idle clock it would judge by may be about to restart.
 * <p>
 * The idle limit measures the endpoint's silence, not the subscriber's: it runs only
 * while events have been asked of the SDK and not yet received, from the later of the
 * last event and the moment the demand resumed, and it stops when the SDK's event stream
 * ends. Whichever comes first of the stream's last chunk and a timeout wins: a timeout
 * never follows a complete answer, and no chunk follows a timeout.
 * <p>
 * A scheduler that refuses a check (disposed, or bounded and full) ends the stream with
 * that refusal, as a timeout would, rather than leave it unwatched. A limit longer than
 * the clock counts (about 292 years) never passes, and the timer sleeps at most a day.
 */
final class StreamDeadlines {

	private static final int RUNNING = 0;

	private static final int FINISHED = 1;

	private static final int TIMED_OUT = 2;

	private static final int REFUSED = 3;

	/** The longest limit the clock counts; a longer one never passes. */
	private static final Duration LONGEST_LIMIT = Duration.ofNanos(Long.MAX_VALUE);

	/**
	 * The longest the timer sleeps, so that a limit of centuries schedules no task beyond
	 * what a scheduler's clock can add.
	 */
	private static final long LONGEST_WAIT = Duration.ofDays(1).toNanos();

	private final StreamLimits limits;

	private final @Nullable String endpointName;

	private final Scheduler scheduler;

	private final LongSupplier nanoClock;

	private final long startNanos;

	private final AtomicInteger state = new AtomicInteger(RUNNING);

	private final AtomicLong requestedEvents = new AtomicLong();

	/**
	 * The requests under way: each marks itself before it raises the demand and ends
	 * after it restarted the idle clock, if it did. A check that ends with one under way
	 * does not judge the idle limit, as the idle clock may be about to restart.
	 */
	private final AtomicInteger requestsInFlight = new AtomicInteger();

	/**
	 * The events received. Only the thread that delivers the SDK's events writes it, one
	 * event at a time.
	 */
	private volatile long receivedEvents;

	/**
	 * The count of received events that the timer last saw; only the timer reads and
	 * writes it.
	 */
	private long seenEvents;

	/**
	 * When the idle clock last started, as nanoseconds after {@link #startNanos} plus
	 * one, so that 0, and no reading of the clock, means it has not started: it starts
	 * when the timer sees events, and restarts when it sees more or when the subscriber
	 * asks again after asking for nothing. The timer and the subscriber's thread both
	 * restart it, so it only moves forward: a restart from a reading taken before a later
	 * one must not move it back.
	 */
	private final AtomicLong idleStart = new AtomicLong();

	private volatile boolean eventsEnded;

	private volatile boolean tokenSeen;

	private volatile @Nullable String requestId;

	StreamDeadlines(StreamLimits limits, @Nullable String endpointName) {
		this(limits, endpointName, Schedulers.parallel(), System::nanoTime);
	}

	/**
	 * Creates deadlines whose timer runs on a worker of the given scheduler and reads the
	 * given clock.
	 */
	StreamDeadlines(StreamLimits limits, @Nullable String endpointName, Scheduler scheduler, LongSupplier nanoClock) {
		this.limits = limits;
		this.endpointName = endpointName;
		this.scheduler = scheduler;
		this.nanoClock = nanoClock;
		this.startNanos = nanoClock.getAsLong();
	}

	void responded(@Nullable String requestId) {
		this.requestId = requestId;
	}

	/**
	 * Records that the stream asked the SDK for more events.
	 */
	void eventsRequested(long n) {
		this.requestsInFlight.incrementAndGet();
		try {
			long before = this.requestedEvents.getAndAccumulate(n, (current, added) -> {
				long sum = current + added;
				return (sum < 0) ? Long.MAX_VALUE : sum;
			});
			// After events came and the subscriber asked for nothing more, the idle
			// clock restarts, from a reading taken once the demand rose: never earlier.
			long received = this.receivedEvents;
			if (received > 0 && before <= received) {
				restartIdleClock(this.nanoClock.getAsLong());
			}
		}
		finally {
			this.requestsInFlight.decrementAndGet();
		}
	}

	/**
	 * Records an event from the SDK: a counter increment, with no clock read.
	 */
	void event() {
		this.receivedEvents++;
	}

	/**
	 * Records that the SDK's event stream ended: the endpoint has nothing more to send.
	 */
	void eventsEnded() {
		this.eventsEnded = true;
	}

	/**
	 * Returns the time since the stream was subscribed to.
	 */
	Duration elapsed() {
		return Duration.ofNanos(this.nanoClock.getAsLong() - this.startNanos);
	}

	/**
	 * Bounds a stream by the limits: it fails with a {@link StreamTimeoutException} when
	 * one passes first, and with a {@link StreamingInferenceException} coded
	 * {@link StreamingInferenceException#TIMER_REFUSED} when the scheduler refuses to run
	 * the timer.
	 */
	Flux<InferenceChunk> bound(Flux<InferenceChunk> chunks) {
		if (!this.limits.any()) {
			return chunks;
		}
		AtomicReference<StreamingInferenceException> ended = new AtomicReference<>();
		return chunks.<InferenceChunk>handle((chunk, sink) -> {
			if (admit(chunk)) {
				sink.next(chunk);
			}
		})
			.takeUntilOther(expiry().doOnNext(ended::set))
			.concatWith(Mono.defer(() -> (ended.get() != null) ? Mono.error(ended.get()) : Mono.empty()));
	}

	private boolean admit(InferenceChunk chunk) {
		if (chunk.last()) {
			return this.state.compareAndSet(RUNNING, FINISHED);
		}
		if (!this.tokenSeen) {
			this.tokenSeen = true;
		}
		return this.state.get() == RUNNING;
	}

	/**
	 * Returns a {@code Mono} that emits the timeout when a limit passes first, or the
	 * refusal when the scheduler refuses a check while the stream runs, and never
	 * completes otherwise: once no limit can pass any more, the timer simply stops. It
	 * emits rather than fails, because only an emission cancels the stream it ends.
	 */
	private Mono<StreamingInferenceException> expiry() {
		return Mono.create((sink) -> {
			Scheduler.Worker timer;
			try {
				timer = this.scheduler.createWorker();
			}
			catch (RejectedExecutionException ex) {
				refused(sink, ex);
				return;
			}
			sink.onDispose(timer);
			watch(sink, timer);
		});
	}

	/**
	 * Checks the limits and, as its last act, arms the next check on the stream's own
	 * worker. Nothing records the armed task, so however the checks interleave (one may
	 * even start before the one that armed it has returned), no check can undo a later
	 * one. Disposing the worker, when the stream ends, cancels the armed check and
	 * refuses any arming after it.
	 */
	private void watch(MonoSink<StreamingInferenceException> sink, Scheduler.Worker timer) {
		if (timer.isDisposed()) {
			return;
		}
		// The events counted before the clock is read all came before that reading.
		Counts counts = counts();
		long now = this.nanoClock.getAsLong();
		noticeEvents(counts.received(), now);
		boolean idleSettled = counts.heldStill(counts());
		StreamTimeoutException expired = expired(now, counts, idleSettled);
		if (expired != null) {
			if (this.state.compareAndSet(RUNNING, TIMED_OUT)) {
				sink.success(expired);
			}
			return;
		}
		long wait = nanosToNextCheck(now, counts, idleSettled);
		if (wait < 0 || this.state.get() != RUNNING) {
			// Nothing left to watch. Completing would end the stream (takeUntilOther), so
			// stay silent.
			return;
		}
		try {
			timer.schedule(() -> watch(sink, timer), wait, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			if (!timer.isDisposed()) {
				refused(sink, ex);
			}
			// Else the stream ended during this check: there is nothing left to watch.
		}
	}

	/**
	 * Ends a stream whose next check the scheduler refused, unless it ended first: its
	 * limits can no longer be watched, and a stream never goes on unwatched.
	 */
	private void refused(MonoSink<StreamingInferenceException> sink, RejectedExecutionException refusal) {
		if (this.state.compareAndSet(RUNNING, REFUSED)) {
			sink.success(new StreamingInferenceException("The stream from endpoint '" + this.endpointName
					+ "' was ended because the scheduler that watches its time limits refused to run their next "
					+ "check (" + refusal.getMessage() + "), so that the limits could no longer be enforced. The "
					+ "answer is incomplete. Reactor's parallel scheduler refuses work once it is disposed (the "
					+ "application is shutting down, or Schedulers.shutdownNow() was called) or, if a "
					+ "Schedulers.Factory replaced it with a bounded one, once that is full.",
					StreamingInferenceException.TIMER_REFUSED, this.endpointName, this.requestId, refusal));
		}
	}

	/**
	 * Restarts the idle clock when events arrived since the last look: the last of them
	 * came at the latest now.
	 */
	private void noticeEvents(long received, long now) {
		if (received != this.seenEvents) {
			this.seenEvents = received;
			restartIdleClock(now);
		}
	}

	/**
	 * Restarts the idle clock at {@code now} unless it already restarted later.
	 */
	private void restartIdleClock(long now) {
		this.idleStart.accumulateAndGet(Math.max(now - this.startNanos, 0) + 1, Math::max);
	}

	/**
	 * Returns the reading of the clock at which the idle clock last started.
	 */
	private long idleSinceNanos() {
		return this.startNanos + this.idleStart.get() - 1;
	}

	/**
	 * Returns the limit that passed, if one did. The idle limit is judged only when the
	 * idle clock held still while the check ran ({@code idleSettled}, see
	 * {@link Counts#heldStill}).
	 */
	private @Nullable StreamTimeoutException expired(long now, Counts counts, boolean idleSettled) {
		long sinceStart = Math.max(now - this.startNanos, 0);
		Duration firstToken = this.limits.firstToken();
		if (firstToken != null && firstTokenPending() && sinceStart >= nanos(firstToken)) {
			return timeout(StreamTimeoutException.Limit.FIRST_TOKEN, firstToken, now);
		}
		Duration idle = this.limits.idle();
		if (idle != null && idleSettled && idleClockRunning(counts)
				&& Math.max(now - idleSinceNanos(), 0) >= nanos(idle)) {
			return timeout(StreamTimeoutException.Limit.IDLE, idle, now);
		}
		Duration total = this.limits.total();
		if (total != null && sinceStart >= nanos(total)) {
			return timeout(StreamTimeoutException.Limit.TOTAL, total, now);
		}
		return null;
	}

	/**
	 * Returns how long to sleep before the next check, at most {@link #LONGEST_WAIT}, or
	 * -1 when no limit can pass any more.
	 */
	private long nanosToNextCheck(long now, Counts counts, boolean idleSettled) {
		long wait = Long.MAX_VALUE;
		long sinceStart = Math.max(now - this.startNanos, 0);
		Duration firstToken = this.limits.firstToken();
		if (firstToken != null && firstTokenPending()) {
			wait = nanos(firstToken) - sinceStart;
		}
		Duration idleLimit = this.limits.idle();
		if (idleLimit != null && !this.eventsEnded) {
			// Look for new events every eighth of the limit, and at the deadline unless
			// the idle clock moved during this check.
			long idle = nanos(idleLimit);
			long idleWait = Math.max(idle / 8, 1);
			if (idleSettled && idleClockRunning(counts)) {
				idleWait = Math.min(idleWait, idle - Math.max(now - idleSinceNanos(), 0));
			}
			wait = Math.min(wait, idleWait);
		}
		Duration total = this.limits.total();
		if (total != null) {
			wait = Math.min(wait, nanos(total) - sinceStart);
		}
		return (wait == Long.MAX_VALUE) ? -1 : Math.min(Math.max(wait, 0), LONGEST_WAIT);
	}

	private boolean firstTokenPending() {
		return this.limits.firstToken() != null && !this.tokenSeen;
	}

	private boolean idleClockRunning(Counts counts) {
		return this.idleStart.get() != 0 && !this.eventsEnded && counts.requested() > counts.received();
	}

	/**
	 * Reads the events received, then those requested, then the requests in flight: a
	 * request whose demand this reads was in flight or had restarted the idle clock.
	 */
	private Counts counts() {
		long received = this.receivedEvents;
		long requested = this.requestedEvents.get();
		return new Counts(received, requested, this.requestsInFlight.get());
	}

	/**
	 * Returns a limit in nanoseconds, or {@link Long#MAX_VALUE} for one longer than that.
	 */
	private static long nanos(Duration limit) {
		return (limit.compareTo(LONGEST_LIMIT) >= 0) ? Long.MAX_VALUE : limit.toNanos();
	}

	private StreamTimeoutException timeout(StreamTimeoutException.Limit limit, Duration value, long now) {
		return new StreamTimeoutException(limit, value, Duration.ofNanos(now - this.startNanos), this.endpointName,
				this.requestId);
	}

	/**
	 * The counts a check judges by: events received and requested, and requests in
	 * flight.
	 */
	private record Counts(long received, long requested, int requestsInFlight) {

		/**
		 * Returns whether the idle clock held still from these counts to the later ones:
		 * no event came, and no request is in flight, which may be about to restart it (a
		 * request marks itself before it raises the demand and ends after any restart, so
		 * a request that had ended by then has restarted the clock the check reads next).
		 * A request that merely raised demand still owed restarts nothing, so requests
		 * alone cannot hold the idle limit off.
		 */
		boolean heldStill(Counts later) {
			return later.requestsInFlight == 0 && this.received == later.received;
		}

	}

}
