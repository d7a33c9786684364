package io.github.sagemakerstreaming.runtime;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

/**
 * Netty's buffer leak detector at {@code PARANOID}, with its reports caught rather than
 * only logged: every buffer allocated while watching that the garbage collector takes
 * unreleased is {@link #reported() reported}. The detector is Netty's one for every
 * buffer, so a test class that watches runs alone.
 */
final class NettyLeaks implements AutoCloseable {

	private final List<String> reports = new CopyOnWriteArrayList<>();

	private final ResourceLeakDetector.Level previous = ResourceLeakDetector.getLevel();

	private NettyLeaks() {
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		detector().setLeakListener((type, records) -> this.reports.add(type + " leaked:" + records));
	}

	/**
	 * Starts watching every buffer allocated from now on.
	 */
	static NettyLeaks watch() {
		return new NettyLeaks();
	}

	/**
	 * Lets the garbage collector take what is unreachable, and returns the leaks that the
	 * detector has reported since watching began. The detector reports a leak when a
	 * buffer is allocated after the collector has taken the leaked one, so each round
	 * allocates one.
	 * @return the reports, each with the leaked buffer's recorded accesses
	 */
	List<String> reported() {
		for (int round = 0; round < 3; round++) {
			System.gc();
			PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
		}
		return List.copyOf(this.reports);
	}

	@Override
	public void close() {
		detector().setLeakListener(null);
		ResourceLeakDetector.setLevel(this.previous);
	}

	private static ResourceLeakDetector<?> detector() {
		try {
			Field detector = AbstractByteBuf.class.getDeclaredField("leakDetector");
			detector.setAccessible(true);
			return (ResourceLeakDetector<?>) detector.get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Netty's buffer leak detector moved", ex);
		}
	}

}
