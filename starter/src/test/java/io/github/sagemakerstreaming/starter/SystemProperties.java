package io.github.sagemakerstreaming.starter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sets JVM system properties for the AWS SDK's credential providers, and puts back what
 * was there before when closed.
 */
final class SystemProperties implements AutoCloseable {

	private final Map<String, String> previous = new LinkedHashMap<>();

	SystemProperties set(String name, String value) {
		this.previous.putIfAbsent(name, System.getProperty(name));
		System.setProperty(name, value);
		return this;
	}

	@Override
	public void close() {
		this.previous.forEach((name, value) -> {
			if (value != null) {
				System.setProperty(name, value);
			}
			else {
				System.clearProperty(name);
			}
		});
	}

}
