package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.test.publisher.TestPublisher;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time limits on a virtual clock: the timer's stack, the idle clock against the
 * subscriber's demand, and the race between a stream's last chunk and its timer.
 */
class StreamDeadlinesTests {

	private static final ResponseMetadata METADATA = new ResponseMetadata("my-llm", "req-1", "AllTraffic",
			"text/event-stream", null);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final CountingScheduler timer = new CountingScheduler(this.time);

	@Test
	void reArmingTheTimerKeepsTheStackDepthAtDeliveryTheSame() {
		Outcome fewReArms = idleTimeoutAfterEvents(10);
		Outcome manyReArms = idleTimeoutAfterEvents(100_000);
		assertThat(manyReArms.reArms()).isGreaterThanOrEqualTo(50_000);
		assertThat(fewReArms.failure()).isInstanceOfSatisfying(StreamTimeoutException.class,
				(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.IDLE));
		assertThat(manyReArms.failure()).isInstanceOf(StreamTimeoutException.class);
		assertThat(manyReArms.stackDepth()).isEqualTo(fewReArms.stackDepth());
	}

	@Test
	void theIdleClockStopsWhileTheSubscriberAsksForNothing() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, Duration.ofMillis(500), null));
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(1);
		deadlines.event();
		this.time.advanceTimeBy(Duration.ofHours(1));
		assertThat(failures).as("the endpoint was never asked for more").isEmpty();
		deadlines.eventsRequested(1);
		this.time.advanceTimeBy(Duration.ofMillis(499));
		assertThat(failures).as("the clock restarts when the subscriber asks again").isEmpty();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(failures).singleElement()
			.isInstanceOfSatisfying(StreamTimeoutException.class,
					(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.IDLE));
		subscription.dispose();
	}

	@Test
	void anEventReadsNoClock() {
		AtomicInteger clockReads = new AtomicInteger();
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		StreamDeadlines deadlines = new StreamDeadlines(
				new StreamLimits(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMinutes(1)), "my-llm",
				this.timer, () -> {
					clockReads.incrementAndGet();
					return this.time.now(TimeUnit.NANOSECONDS);
				});
		Disposable subscription = deadlines.bound(Flux.never()).subscribe();
		deadlines.eventsRequested(Long.MAX_VALUE);
		int before = clockReads.get();
		for (int i = 0; i < 10_000; i++) {
			deadlines.event();
		}
		assertThat(clockReads).hasValue(before);
		subscription.dispose();
	}

	@Test
	void theIdleLimitPassesWithinAnEighthOfTheLimitAfterTheLastEvent() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, Duration.ofMillis(800), null));
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(Long.MAX_VALUE);
		for (int i = 0; i < 10; i++) {
			this.time.advanceTimeBy(Duration.ofMillis(730));
			deadlines.event();
		}
		this.time.advanceTimeBy(Duration.ofMillis(799));
		assertThat(failures).as("events kept coming, then less than one idle period of silence").isEmpty();
		this.time.advanceTimeBy(Duration.ofMillis(101));
		assertThat(failures).singleElement()
			.isInstanceOfSatisfying(StreamTimeoutException.class,
					(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.IDLE));
		subscription.dispose();
	}

	@Test
	void theIdleClockStopsWhenTheEndpointHasSentEverything() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, Duration.ofMillis(500), null));
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(32);
		deadlines.event();
		deadlines.eventsEnded();
		this.time.advanceTimeBy(Duration.ofHours(1));
		assertThat(failures).isEmpty();
		subscription.dispose();
	}

	@Test
	void aTimerFiringAfterTheLastChunkButBeforeCompletionAddsNoError() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, null, Duration.ofMillis(100)));
		TestPublisher<InferenceChunk> stream = TestPublisher.create();
		Received received = new Received();
		deadlines.bound(stream.flux())
			.subscribe(received.chunks::add, received.failures::add, () -> received.completed = true);
		stream.next(InferenceChunk.token("a", METADATA), InferenceChunk.end("stop", METADATA));
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		stream.complete();
		assertThat(received.chunks).extracting(InferenceChunk::last).containsExactly(false, true);
		assertThat(received.failures).isEmpty();
		assertThat(received.completed).isTrue();
	}

	@Test
	void noChunkFollowsATimeout() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, null, Duration.ofMillis(100)));
		TestPublisher<InferenceChunk> stream = TestPublisher
			.createNoncompliant(TestPublisher.Violation.CLEANUP_ON_TERMINATE);
		Received received = new Received();
		deadlines.bound(stream.flux())
			.subscribe(received.chunks::add, received.failures::add, () -> received.completed = true);
		stream.next(InferenceChunk.token("a", METADATA));
		this.time.advanceTimeBy(Duration.ofMillis(100));
		stream.next(InferenceChunk.end("stop", METADATA));
		assertThat(received.chunks).extracting(InferenceChunk::text).containsExactly("a");
		assertThat(received.failures).singleElement()
			.isInstanceOfSatisfying(StreamTimeoutException.class,
					(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.TOTAL));
		assertThat(received.completed).isFalse();
	}

	@Test
	void theFirstTokenLimitStopsWatchingOnceATokenArrived() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(Duration.ofMillis(100), null, null));
		TestPublisher<InferenceChunk> stream = TestPublisher.create();
		Received received = new Received();
		deadlines.bound(stream.flux())
			.subscribe(received.chunks::add, received.failures::add, () -> received.completed = true);
		stream.next(InferenceChunk.token("a", METADATA));
		this.time.advanceTimeBy(Duration.ofHours(1));
		assertThat(received.failures).isEmpty();
		assertThat(received.completed).as("a timer with nothing left to watch must not end the stream").isFalse();
		stream.next(InferenceChunk.token("b", METADATA), InferenceChunk.end("stop", METADATA)).complete();
		assertThat(received.chunks).extracting(InferenceChunk::text).containsExactly("a", "b", "");
		assertThat(this.timer.scheduled).as("armed once, then nothing left to watch").hasValue(1);
	}

	private Outcome idleTimeoutAfterEvents(int events) {
		VirtualTimeScheduler clock = VirtualTimeScheduler.create();
		CountingScheduler counting = new CountingScheduler(clock);
		clock.advanceTimeBy(Duration.ofSeconds(1));
		StreamDeadlines deadlines = new StreamDeadlines(new StreamLimits(null, Duration.ofMillis(10), null), "my-llm",
				counting, () -> clock.now(TimeUnit.NANOSECONDS));
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicInteger depth = new AtomicInteger();
		deadlines.bound(Flux.never()).subscribe(null, (ex) -> {
			depth.set(new Throwable().getStackTrace().length);
			failure.set(ex);
		});
		deadlines.eventsRequested(Long.MAX_VALUE);
		for (int i = 0; i < events; i++) {
			deadlines.event();
			clock.advanceTimeBy(Duration.ofMillis(6));
		}
		int reArms = counting.scheduled.get();
		clock.advanceTimeBy(Duration.ofMillis(20));
		return new Outcome(reArms, depth.get(), failure.get());
	}

	private StreamDeadlines deadlines(StreamLimits limits) {
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		return new StreamDeadlines(limits, "my-llm", this.timer, () -> this.time.now(TimeUnit.NANOSECONDS));
	}

	private record Outcome(int reArms, int stackDepth, Throwable failure) {

	}

	private static final class Received {

		final List<InferenceChunk> chunks = new ArrayList<>();

		final List<Throwable> failures = new ArrayList<>();

		volatile boolean completed;

	}

	/**
	 * Counts the delayed tasks scheduled on a scheduler: each is one arming of the timer.
	 */
	private static final class CountingScheduler implements Scheduler {

		private final Scheduler delegate;

		final AtomicInteger scheduled = new AtomicInteger();

		CountingScheduler(Scheduler delegate) {
			this.delegate = delegate;
		}

		@Override
		public Disposable schedule(Runnable task) {
			return this.delegate.schedule(task);
		}

		@Override
		public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			this.scheduled.incrementAndGet();
			return this.delegate.schedule(task, delay, unit);
		}

		@Override
		public long now(TimeUnit unit) {
			return this.delegate.now(unit);
		}

		@Override
		public Worker createWorker() {
			return this.delegate.createWorker();
		}

		@Override
		public void init() {
		}

	}

}
