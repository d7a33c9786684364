package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.publisher.TestPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time limits on a virtual clock: the timer's stack, the idle clock against the
 * subscriber's demand, the race between a stream's last chunk and its timer, and the
 * timer's checks overtaking one another, racing a cancel, outliving no stream, and
 * refused by their scheduler.
 */
class StreamDeadlinesTests {

	private static final ResponseMetadata METADATA = new ResponseMetadata("my-llm", "req-1", "AllTraffic",
			"text/event-stream", null);

	private final StagedTimer timer = new StagedTimer();

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
		this.timer.advanceTimeBy(Duration.ofHours(1));
		assertThat(failures).as("the endpoint was never asked for more").isEmpty();
		deadlines.eventsRequested(1);
		this.timer.advanceTimeBy(Duration.ofMillis(499));
		assertThat(failures).as("the clock restarts when the subscriber asks again").isEmpty();
		this.timer.advanceTimeBy(Duration.ofMillis(1));
		assertThat(failures).singleElement()
			.isInstanceOfSatisfying(StreamTimeoutException.class,
					(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.IDLE));
		subscription.dispose();
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, Long.MIN_VALUE / 2, Long.MAX_VALUE - 1_500_000_000L })
	void aCheckThatReadTheClockBeforeTheSubscriberAskedAgainDoesNotMoveTheIdleClockBack(long clockOrigin) {
		// System.nanoTime() may start anywhere, even close to overflowing.
		PausingClock clock = new PausingClock(clockOrigin);
		StreamDeadlines deadlines = clock.deadlines(new StreamLimits(null, Duration.ofMillis(500), null));
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(2);
		deadlines.event();
		this.timer.advanceTimeBy(Duration.ofMillis(100));
		deadlines.event();
		// The timer reads the clock and loses its CPU, while the subscriber, which had
		// asked for nothing more, asks again.
		clock.pauseAfterNextRead(Duration.ofMillis(400), () -> deadlines.eventsRequested(1));
		this.timer.advanceTimeBy(Duration.ofMillis(100));
		assertThat(clock.paused()).as("the check ran").isTrue();
		clock.advanceTo(clock.actedAt() + Duration.ofMillis(499).toNanos());
		assertThat(failures).as("the subscriber asked again less than the idle limit ago").isEmpty();
		this.timer.advanceTimeBy(Duration.ofMillis(1));
		assertThat(failures).singleElement()
			.isInstanceOfSatisfying(StreamTimeoutException.class,
					(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.IDLE));
		subscription.dispose();
	}

	@Test
	void aFirstCheckThatReadTheClockBeforeTheSubscriberAskedAgainDoesNotStartTheIdleClockBeforeThat() {
		PausingClock clock = new PausingClock(0);
		StreamDeadlines deadlines = clock.deadlines(new StreamLimits(null, Duration.ofMillis(500), null));
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(1);
		deadlines.event();
		// The timer, about to see the stream's first event, reads the clock and loses its
		// CPU, while the subscriber asks again.
		clock.pauseAfterNextRead(Duration.ofMillis(400), () -> deadlines.eventsRequested(1));
		this.timer.advanceTimeBy(Duration.ofMillis(100));
		assertThat(clock.paused()).as("the check ran").isTrue();
		clock.advanceTo(clock.actedAt() + Duration.ofMillis(499).toNanos());
		assertThat(failures).as("the subscriber asked again less than the idle limit ago").isEmpty();
		subscription.dispose();
	}

	@Test
	void anEventThatArrivesWhileACheckLostItsCpuRestartsTheIdleClockNoEarlierThanItCame() {
		PausingClock clock = new PausingClock(0);
		StreamDeadlines deadlines = clock.deadlines(new StreamLimits(null, Duration.ofMillis(500), null));
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(3);
		deadlines.event();
		this.timer.advanceTimeBy(Duration.ofMillis(100));
		// The timer reads the clock and loses its CPU, while the endpoint sends an event.
		clock.pauseAfterNextRead(Duration.ofMillis(400), deadlines::event);
		this.timer.advanceTimeBy(Duration.ofMillis(100));
		assertThat(clock.paused()).as("the check ran").isTrue();
		clock.advanceTo(clock.actedAt() + Duration.ofMillis(499).toNanos());
		assertThat(failures).as("the endpoint sent an event less than the idle limit ago").isEmpty();
		subscription.dispose();
	}

	@Test
	void anEventThatArrivesWhileACheckLostItsCpuBeforeReadingTheClockIsNoSilence() {
		PausingClock clock = new PausingClock(0);
		StreamDeadlines deadlines = clock.deadlines(new StreamLimits(null, Duration.ofMillis(500), null));
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(3);
		this.timer.advanceTimeBy(Duration.ofMillis(50));
		deadlines.event();
		this.timer.advanceTimeBy(Duration.ofMillis(449));
		// The timer has counted the events and loses its CPU before it reads the clock,
		// while the endpoint sends an event.
		clock.pauseBeforeNextRead(Duration.ofMillis(100), deadlines::event);
		this.timer.advanceTimeBy(Duration.ofMillis(1));
		assertThat(clock.paused()).as("the check ran").isTrue();
		assertThat(failures)
			.as("the endpoint sent an event %d ms ago, and was never silent for the idle limit",
					Duration.ofNanos(clock.getAsLong() - clock.actedAt()).toMillis())
			.isEmpty();
		subscription.dispose();
	}

	@Test
	void aSubscriberThatLostItsCpuBeforeAskingAgainDoesNotTimeOutTheSilenceItAskedForNothing() {
		AtomicBoolean loseCpuAtNextRead = new AtomicBoolean();
		AtomicLong askedAgainAt = new AtomicLong();
		this.timer.advanceTimeBy(Duration.ofSeconds(1));
		StreamDeadlines deadlines = new StreamDeadlines(new StreamLimits(null, Duration.ofMillis(500), null), "my-llm",
				this.timer, () -> {
					if (loseCpuAtNextRead.getAndSet(false)) {
						// The subscriber, asking again after asking for nothing, loses
						// its
						// CPU for 450 ms while it restarts the idle clock, as the timer
						// checks the stream.
						StagedTimer.onAnotherThread(() -> this.timer.advanceTimeBy(Duration.ofMillis(450)));
						askedAgainAt.set(this.timer.nanoTime());
					}
					return this.timer.nanoTime();
				});
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(1);
		deadlines.event();
		this.timer.advanceTimeBy(Duration.ofHours(1));
		loseCpuAtNextRead.set(true);
		deadlines.eventsRequested(1);
		assertThat(loseCpuAtNextRead).as("the subscriber read the clock").isFalse();
		this.timer.advanceTimeBy(
				Duration.ofNanos(askedAgainAt.get() + Duration.ofMillis(499).toNanos() - this.timer.nanoTime()));
		assertThat(failures).as("the subscriber asked again less than the idle limit ago").isEmpty();
		subscription.dispose();
	}

	@Test
	void aSubscriberAskingForMoreAtEveryCheckDoesNotKeepASilentEndpointFromTimingOut() {
		AtomicBoolean askAtEveryRead = new AtomicBoolean();
		AtomicReference<StreamDeadlines> stream = new AtomicReference<>();
		this.timer.advanceTimeBy(Duration.ofSeconds(1));
		StreamDeadlines deadlines = new StreamDeadlines(new StreamLimits(null, Duration.ofMillis(500), null), "my-llm",
				this.timer, () -> {
					if (askAtEveryRead.get()) {
						// While each check reads the clock, the subscriber, which still
						// waits for an event, asks for one more.
						StagedTimer.onAnotherThread(() -> stream.get().eventsRequested(1));
					}
					return this.timer.nanoTime();
				});
		stream.set(deadlines);
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(2);
		deadlines.event();
		askAtEveryRead.set(true);
		this.timer.advanceTimeBy(Duration.ofSeconds(10));
		assertThat(failures).as("the endpoint was asked for more and silent for twenty idle limits")
			.singleElement()
			.isInstanceOfSatisfying(StreamTimeoutException.class,
					(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.IDLE));
		subscription.dispose();
	}

	@Test
	@Timeout(30)
	void limitsLongerThanTheClockCanCountLetTheStreamRunWatchedOnceADay() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(Duration.ofDays(365L * 1000),
				Duration.ofDays(365L * 1000), Duration.ofDays(365L * 1000)));
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(2);
		this.timer.advanceTimeBy(Duration.ofDays(3));
		assertThat(failures).as("a thousand years have not passed").isEmpty();
		assertThat(this.timer.armings()).as("a check a day").isBetween(3, 4);
		subscription.dispose();
	}

	@Test
	void anIdleLimitLongerThanTheClockCanCountLetsTheStreamRun() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, Duration.ofDays(365L * 1000), null));
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(2);
		deadlines.event();
		this.timer.advanceTimeBy(Duration.ofHours(1));
		assertThat(failures).as("a thousand years have not passed").isEmpty();
		subscription.dispose();
	}

	@Test
	void aCheckWhileTheSubscriberAsksAgainDoesNotTimeOutTheSilenceItAskedForNothing() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, Duration.ofMillis(500), null));
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(1);
		deadlines.event();
		this.timer.advanceTimeBy(Duration.ofHours(1));
		this.timer.atNextClockRead(() -> this.timer.advanceTimeBy(Duration.ofMillis(100)));
		deadlines.eventsRequested(1);
		assertThat(failures).as("the subscriber asked again less than the idle limit ago").isEmpty();
		subscription.dispose();
	}

	@Test
	void anIdleClockStartedWhenTheClockReadZeroStillRuns() {
		this.timer.advanceTimeBy(Duration.ofSeconds(1));
		long firstCheckAfterTheEvent = this.timer.nanoTime() + Duration.ofMillis(500).toNanos() / 8;
		StreamDeadlines deadlines = new StreamDeadlines(new StreamLimits(null, Duration.ofMillis(500), null), "my-llm",
				this.timer, () -> this.timer.nanoTime() - firstCheckAfterTheEvent);
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(2);
		deadlines.event();
		this.timer.advanceTimeBy(Duration.ofHours(1));
		assertThat(failures).as("the endpoint went silent with an event asked of it")
			.singleElement()
			.isInstanceOfSatisfying(StreamTimeoutException.class,
					(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.IDLE));
		subscription.dispose();
	}

	@Test
	void anEventReadsNoClock() {
		AtomicInteger clockReads = new AtomicInteger();
		this.timer.advanceTimeBy(Duration.ofSeconds(1));
		StreamDeadlines deadlines = new StreamDeadlines(
				new StreamLimits(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMinutes(1)), "my-llm",
				this.timer, () -> {
					clockReads.incrementAndGet();
					return this.timer.nanoTime();
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
			this.timer.advanceTimeBy(Duration.ofMillis(730));
			deadlines.event();
		}
		this.timer.advanceTimeBy(Duration.ofMillis(799));
		assertThat(failures).as("events kept coming, then less than one idle period of silence").isEmpty();
		this.timer.advanceTimeBy(Duration.ofMillis(101));
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
		this.timer.advanceTimeBy(Duration.ofHours(1));
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
		this.timer.advanceTimeBy(Duration.ofSeconds(1));
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
		this.timer.advanceTimeBy(Duration.ofMillis(100));
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
		this.timer.advanceTimeBy(Duration.ofHours(1));
		assertThat(received.failures).isEmpty();
		assertThat(received.completed).as("a timer with nothing left to watch must not end the stream").isFalse();
		stream.next(InferenceChunk.token("b", METADATA), InferenceChunk.end("stop", METADATA)).complete();
		assertThat(received.chunks).extracting(InferenceChunk::text).containsExactly("a", "b", "");
		assertThat(this.timer.armings()).as("armed once, then nothing left to watch").isEqualTo(1);
		assertThat(this.timer.openWorkers()).isZero();
	}

	@Test
	void aCheckThatRunsBeforeTheCheckThatArmedItHasReturnedKeepsWatching() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, Duration.ofMillis(800), null));
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(Long.MAX_VALUE);
		for (int i = 0; i < 30; i++) {
			deadlines.event();
			this.timer.advanceTimeBy(Duration.ofMillis(100));
		}
		this.timer.runNextAtOnce(1);
		this.timer.advanceTimeBy(Duration.ofMillis(100));
		assertThat(failures).isEmpty();
		this.timer.advanceTimeBy(Duration.ofMillis(900));
		assertThat(failures).as("the endpoint went silent after 3 s")
			.singleElement()
			.isInstanceOfSatisfying(StreamTimeoutException.class,
					(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.IDLE));
		assertThat(this.timer.pendingTasks()).isZero();
		subscription.dispose();
	}

	@Test
	void theFirstCheckOvertakingTheSubscriptionKeepsWatching() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, Duration.ofMillis(800), null));
		List<Throwable> failures = new ArrayList<>();
		this.timer.runNextAtOnce(1);
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(Long.MAX_VALUE);
		deadlines.event();
		this.timer.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(failures).singleElement()
			.isInstanceOfSatisfying(StreamTimeoutException.class,
					(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.IDLE));
		subscription.dispose();
	}

	@Test
	void theStreamCompletingWhileItsTimerFiresAddsNoError() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, null, Duration.ofMillis(100)));
		TestPublisher<InferenceChunk> stream = TestPublisher.create();
		Received received = new Received();
		deadlines.bound(stream.flux())
			.subscribe(received.chunks::add, received.failures::add, () -> received.completed = true);
		stream.next(InferenceChunk.token("a", METADATA));
		this.timer.atNextClockRead(() -> stream.next(InferenceChunk.end("stop", METADATA)).complete());
		this.timer.advanceTimeBy(Duration.ofMillis(100));
		assertThat(received.chunks).extracting(InferenceChunk::last).containsExactly(false, true);
		assertThat(received.failures).isEmpty();
		assertThat(received.completed).isTrue();
		assertThat(this.timer.pendingTasks()).isZero();
		assertThat(this.timer.openWorkers()).isZero();
	}

	@Test
	void cancellingWhileACheckReArmsTheTimerLeavesNoTask() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, Duration.ofMillis(800), null));
		List<Throwable> failures = new ArrayList<>();
		Disposable subscription = deadlines.bound(Flux.never()).subscribe(null, failures::add);
		deadlines.eventsRequested(Long.MAX_VALUE);
		deadlines.event();
		this.timer.atNextClockRead(subscription::dispose);
		this.timer.advanceTimeBy(Duration.ofMillis(100));
		assertThat(this.timer.pendingTasks()).isZero();
		assertThat(this.timer.openWorkers()).isZero();
		this.timer.advanceTimeBy(Duration.ofHours(1));
		assertThat(failures).isEmpty();
	}

	@Test
	void cancellingWhileALimitPassesDeliversNothing() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, null, Duration.ofMillis(100)));
		Received received = new Received();
		Disposable subscription = deadlines.bound(Flux.never())
			.subscribe(received.chunks::add, received.failures::add, () -> received.completed = true);
		this.timer.atNextClockRead(subscription::dispose);
		this.timer.advanceTimeBy(Duration.ofMillis(100));
		assertThat(received.failures).isEmpty();
		assertThat(received.completed).isFalse();
		assertThat(this.timer.pendingTasks()).isZero();
		assertThat(this.timer.openWorkers()).isZero();
	}

	@ParameterizedTest
	@EnumSource
	void noTimerTaskOutlivesTheStream(Ending ending) {
		StreamDeadlines deadlines = deadlines(
				new StreamLimits(Duration.ofSeconds(1), Duration.ofMillis(800), Duration.ofMinutes(10)));
		TestPublisher<InferenceChunk> stream = TestPublisher.create();
		Received received = new Received();
		Disposable subscription = deadlines.bound(stream.flux())
			.subscribe(received.chunks::add, received.failures::add, () -> received.completed = true);
		deadlines.eventsRequested(Long.MAX_VALUE);
		deadlines.event();
		stream.next(InferenceChunk.token("a", METADATA));
		this.timer.advanceTimeBy(Duration.ofMillis(300));
		assertThat(this.timer.pendingTasks()).as("the timer is armed").isOne();
		switch (ending) {
			case COMPLETE -> stream.next(InferenceChunk.end("stop", METADATA)).complete();
			case FAIL -> stream.error(new IllegalStateException("the connection closed"));
			case CANCEL -> subscription.dispose();
			case TIME_OUT -> this.timer.advanceTimeBy(Duration.ofSeconds(1));
		}
		assertThat(received.completed).isEqualTo(ending == Ending.COMPLETE);
		switch (ending) {
			case FAIL -> assertThat(received.failures).singleElement().isInstanceOf(IllegalStateException.class);
			case TIME_OUT -> assertThat(received.failures).singleElement()
				.isInstanceOfSatisfying(StreamTimeoutException.class,
						(timeout) -> assertThat(timeout.limit()).isEqualTo(StreamTimeoutException.Limit.IDLE));
			default -> assertThat(received.failures).isEmpty();
		}
		assertThat(this.timer.pendingTasks()).isZero();
		assertThat(this.timer.openWorkers()).isZero();
	}

	@Test
	void aSchedulerThatRefusesTheFirstCheckEndsTheStreamWithTheRefusal() {
		this.timer.refuseAfter(0);
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, Duration.ofMillis(800), null));
		TestPublisher<InferenceChunk> stream = TestPublisher.create();
		Received received = new Received();
		deadlines.bound(stream.flux())
			.subscribe(received.chunks::add, received.failures::add, () -> received.completed = true);
		assertEndedByTheRefusal(received);
		stream.assertCancelled();
	}

	@Test
	void aSchedulerThatRefusesALaterCheckEndsTheStreamWithTheRefusal() {
		StreamDeadlines deadlines = deadlines(new StreamLimits(null, Duration.ofMillis(800), null));
		TestPublisher<InferenceChunk> stream = TestPublisher.create();
		Received received = new Received();
		deadlines.bound(stream.flux())
			.subscribe(received.chunks::add, received.failures::add, () -> received.completed = true);
		deadlines.eventsRequested(Long.MAX_VALUE);
		deadlines.event();
		stream.next(InferenceChunk.token("a", METADATA));
		this.timer.refuseAfter(this.timer.armings());
		this.timer.advanceTimeBy(Duration.ofMillis(100));
		assertThat(received.chunks).extracting(InferenceChunk::text).containsExactly("a");
		assertEndedByTheRefusal(received);
		stream.assertCancelled();
	}

	@Test
	void aDisposedSchedulerEndsTheStreamWithTheRefusal() {
		Scheduler disposed = Schedulers.newSingle("disposed-timer");
		disposed.dispose();
		StreamDeadlines deadlines = new StreamDeadlines(new StreamLimits(Duration.ofSeconds(1), null, null), "my-llm",
				disposed, this.timer::nanoTime);
		TestPublisher<InferenceChunk> stream = TestPublisher.create();
		Received received = new Received();
		deadlines.bound(stream.flux())
			.subscribe(received.chunks::add, received.failures::add, () -> received.completed = true);
		assertEndedByTheRefusal(received);
		stream.assertCancelled();
	}

	private void assertEndedByTheRefusal(Received received) {
		assertThat(received.completed).isFalse();
		assertThat(received.failures).singleElement()
			.isInstanceOfSatisfying(StreamingInferenceException.class, (failure) -> {
				assertThat(failure.errorCode()).isEqualTo(StreamingInferenceException.TIMER_REFUSED);
				assertThat(failure.endpointName()).isEqualTo("my-llm");
				assertThat(failure).hasMessageContaining("scheduler")
					.hasMessageContaining("refused")
					.hasMessageNotContaining("Retry")
					.hasCauseInstanceOf(RejectedExecutionException.class);
			});
		assertThat(this.timer.pendingTasks()).isZero();
		assertThat(this.timer.openWorkers()).isZero();
	}

	private Outcome idleTimeoutAfterEvents(int events) {
		StagedTimer clock = new StagedTimer();
		clock.advanceTimeBy(Duration.ofSeconds(1));
		StreamDeadlines deadlines = new StreamDeadlines(new StreamLimits(null, Duration.ofMillis(10), null), "my-llm",
				clock, clock::nanoTime);
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
		int reArms = clock.armings();
		clock.advanceTimeBy(Duration.ofMillis(20));
		return new Outcome(reArms, depth.get(), failure.get());
	}

	private StreamDeadlines deadlines(StreamLimits limits) {
		this.timer.advanceTimeBy(Duration.ofSeconds(1));
		return new StreamDeadlines(limits, "my-llm", this.timer, this.timer::nanoTime);
	}

	/**
	 * The virtual clock as read by a thread that can lose its CPU: at the read it is told
	 * to, the reader loses its CPU after taking its reading, or before, while another
	 * thread acts.
	 */
	private final class PausingClock implements LongSupplier {

		private final AtomicLong lost;

		private final AtomicReference<@Nullable LongSupplier> atNextRead = new AtomicReference<>();

		private final AtomicLong actedAt = new AtomicLong();

		PausingClock(long origin) {
			this.lost = new AtomicLong(origin);
		}

		/**
		 * Creates deadlines that read this clock, a second after the virtual clock's
		 * start.
		 */
		StreamDeadlines deadlines(StreamLimits limits) {
			StreamDeadlinesTests.this.timer.advanceTimeBy(Duration.ofSeconds(1));
			return new StreamDeadlines(limits, "my-llm", StreamDeadlinesTests.this.timer, this);
		}

		/**
		 * At the next read, the reader takes its reading, then loses its CPU for the
		 * pause, at the end of which the other thread acts; the reader gets the reading
		 * from before the pause.
		 */
		void pauseAfterNextRead(Duration pause, Runnable meanwhile) {
			this.atNextRead.set(() -> {
				long reading = now();
				this.lost.addAndGet(pause.toNanos());
				act(meanwhile);
				return reading;
			});
		}

		/**
		 * At the next read, the other thread acts, then the reader loses its CPU for the
		 * pause before it takes its reading.
		 */
		void pauseBeforeNextRead(Duration pause, Runnable meanwhile) {
			this.atNextRead.set(() -> {
				act(meanwhile);
				this.lost.addAndGet(pause.toNanos());
				return now();
			});
		}

		/**
		 * Returns whether the staged pause took place.
		 */
		boolean paused() {
			return this.atNextRead.get() == null;
		}

		/**
		 * Returns the reading of this clock when the other thread acted.
		 */
		long actedAt() {
			return this.actedAt.get();
		}

		/**
		 * Advances the virtual clock until this clock reads the given reading.
		 */
		void advanceTo(long reading) {
			StreamDeadlinesTests.this.timer.advanceTimeBy(Duration.ofNanos(reading - now()));
		}

		@Override
		public long getAsLong() {
			LongSupplier staged = this.atNextRead.getAndSet(null);
			return (staged != null) ? staged.getAsLong() : now();
		}

		private long now() {
			return StreamDeadlinesTests.this.timer.nanoTime() + this.lost.get();
		}

		private void act(Runnable meanwhile) {
			this.actedAt.set(now());
			StagedTimer.onAnotherThread(meanwhile);
		}

	}

	enum Ending {

		COMPLETE, FAIL, CANCEL, TIME_OUT

	}

	private record Outcome(int reArms, int stackDepth, Throwable failure) {

	}

	private static final class Received {

		final List<InferenceChunk> chunks = new ArrayList<>();

		final List<Throwable> failures = new ArrayList<>();

		volatile boolean completed;

	}

}
