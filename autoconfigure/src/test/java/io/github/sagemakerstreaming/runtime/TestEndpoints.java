package io.github.sagemakerstreaming.runtime;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;

/**
 * Registers emulator endpoints under names of their own, so that tests running at the
 * same time never share one.
 */
final class TestEndpoints {

	private static final AtomicInteger counter = new AtomicInteger();

	private TestEndpoints() {
	}

	static String register(SageMakerEmulator emulator, Dialect dialect) {
		String name = dialect.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + counter.incrementAndGet();
		emulator.register(name, dialect);
		return name;
	}

}
