package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A scheduler and a clock on virtual time whose interleavings a test stages. It counts
 * the delayed tasks (each is one arming of a timer) and the tasks still pending, and it
 * can run the next delayed tasks at once on a thread of their own, before
 * {@code schedule} returns, or act on another thread at the next read of the clock, as a
 * preempted or paused thread lets others overtake it. A staged action runs to its end
 * before the staging thread goes on, so every test is deterministic.
 * <p>
 * Its workers reject tasks once disposed, as Reactor's do, and, once told to, refuse
 * every task as a bounded scheduler that is full does, but do not serialize their tasks:
 * a test sees what holds even when a task runs before the one that scheduled it has
 * returned.
 */
final class StagedTimer implements Scheduler {

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final Worker direct = this.time.createWorker();

	private final Set<Pending> pending = ConcurrentHashMap.newKeySet();

	private final AtomicInteger armings = new AtomicInteger();

	private final AtomicInteger openWorkers = new AtomicInteger();

	private final AtomicInteger runAtOnce = new AtomicInteger();

	private final AtomicInteger refusedFrom = new AtomicInteger(Integer.MAX_VALUE);

	private final AtomicReference<@Nullable Runnable> atNextClockRead = new AtomicReference<>();

	/**
	 * Returns the virtual time, running the action staged for this read first.
	 */
	long nanoTime() {
		Runnable action = this.atNextClockRead.getAndSet(null);
		if (action != null) {
			onAnotherThread(action);
		}
		return this.time.now(TimeUnit.NANOSECONDS);
	}

	void advanceTimeBy(Duration duration) {
		this.time.advanceTimeBy(duration);
	}

	/**
	 * Runs the next delayed tasks at once, each on a thread of its own, before
	 * {@code schedule} returns.
	 */
	void runNextAtOnce(int tasks) {
		this.runAtOnce.set(tasks);
	}

	/**
	 * Makes the workers refuse every task, as a bounded scheduler that is full does, once
	 * the given number of delayed tasks were scheduled.
	 */
	void refuseAfter(int armings) {
		this.refusedFrom.set(armings);
	}

	/**
	 * Runs the action on another thread at the next read of the clock.
	 */
	void atNextClockRead(Runnable action) {
		this.atNextClockRead.set(action);
	}

	/**
	 * Returns how many delayed tasks were scheduled.
	 */
	int armings() {
		return this.armings.get();
	}

	/**
	 * Returns how many tasks are scheduled and neither ran nor were disposed.
	 */
	int pendingTasks() {
		return this.pending.size();
	}

	/**
	 * Returns how many workers were created and not disposed.
	 */
	int openWorkers() {
		return this.openWorkers.get();
	}

	@Override
	public Disposable schedule(Runnable task) {
		return schedule(task, 0, TimeUnit.NANOSECONDS);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		return arm(this.direct, null, task, delay, unit);
	}

	@Override
	public long now(TimeUnit unit) {
		return this.time.now(unit);
	}

	@Override
	public Worker createWorker() {
		this.openWorkers.incrementAndGet();
		return new StagedWorker();
	}

	@Override
	public void init() {
	}

	private Disposable arm(Worker target, @Nullable StagedWorker owner, Runnable task, long delay, TimeUnit unit) {
		this.armings.incrementAndGet();
		if (this.runAtOnce.getAndUpdate((left) -> Math.max(left - 1, 0)) > 0) {
			onAnotherThread(task);
			return Disposables.disposed();
		}
		Pending scheduled = new Pending(owner, task);
		this.pending.add(scheduled);
		scheduled.task = target.schedule(scheduled, delay, unit);
		return scheduled;
	}

	/**
	 * Runs the action on a new thread and waits for its end, rethrowing what it threw.
	 */
	static void onAnotherThread(Runnable action) {
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		Thread thread = new Thread(() -> {
			try {
				action.run();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		thread.start();
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		Throwable thrown = failure.get();
		if (thrown != null) {
			throw Exceptions.propagate(thrown);
		}
	}

	private final class Pending implements Runnable, Disposable {

		private final @Nullable StagedWorker owner;

		private final Runnable action;

		private volatile Disposable task = Disposables.disposed();

		Pending(@Nullable StagedWorker owner, Runnable action) {
			this.owner = owner;
			this.action = action;
		}

		@Override
		public void run() {
			if (StagedTimer.this.pending.remove(this)) {
				this.action.run();
			}
		}

		@Override
		public void dispose() {
			StagedTimer.this.pending.remove(this);
			this.task.dispose();
		}

		@Override
		public boolean isDisposed() {
			return !StagedTimer.this.pending.contains(this);
		}

	}

	private final class StagedWorker implements Worker {

		private final Worker worker = StagedTimer.this.time.createWorker();

		private volatile boolean disposed;

		@Override
		public Disposable schedule(Runnable task) {
			return schedule(task, 0, TimeUnit.NANOSECONDS);
		}

		@Override
		public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			if (this.disposed) {
				throw Exceptions.failWithRejected();
			}
			if (StagedTimer.this.armings.get() >= StagedTimer.this.refusedFrom.get()) {
				throw Exceptions.failWithRejected("The scheduler is full");
			}
			return arm(this.worker, this, task, delay, unit);
		}

		@Override
		public void dispose() {
			if (this.disposed) {
				return;
			}
			this.disposed = true;
			StagedTimer.this.openWorkers.decrementAndGet();
			StagedTimer.this.pending.stream().filter((task) -> task.owner == this).forEach(Pending::dispose);
			this.worker.dispose();
		}

		@Override
		public boolean isDisposed() {
			return this.disposed;
		}

	}

}
