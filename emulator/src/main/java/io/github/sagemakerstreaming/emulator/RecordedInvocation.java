package io.github.sagemakerstreaming.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request that reached the emulator: what was sent, and how the response ended.
 */
public final class RecordedInvocation {

	private final String endpointName;

	private final String path;

	private final Map<String, String> headers;

	private final byte[] body;

	private final CompletableFuture<StreamOutcome> outcome = new CompletableFuture<>();

	RecordedInvocation(String endpointName, String path, Map<String, String> headers, byte[] body) {
		this.endpointName = endpointName;
		this.path = path;
		this.headers = Map.copyOf(headers);
		this.body = body;
	}

	/**
	 * Returns the endpoint name from the request path.
	 * @return the endpoint name
	 */
	public String endpointName() {
		return this.endpointName;
	}

	/**
	 * Returns the request path.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Returns a request header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} if the header was not sent
	 */
	public String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * Returns every request header, with lower-case names.
	 * @return the headers
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

	/**
	 * Returns the request body.
	 * @return the body bytes
	 */
	public byte[] body() {
		return this.body.clone();
	}

	/**
	 * Returns the request body decoded as UTF-8.
	 * @return the body text
	 */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/**
	 * Returns the outcome if the response has ended.
	 * @return the outcome, or {@code null} while the response is still being written
	 */
	public StreamOutcome outcome() {
		return this.outcome.getNow(null);
	}

	/**
	 * Waits for the response to end.
	 * @param timeout how long to wait
	 * @return the outcome
	 * @throws IllegalStateException if the response has not ended in time
	 */
	public StreamOutcome awaitOutcome(Duration timeout) {
		try {
			return this.outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("The response to " + this.path + " had not ended after " + timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	void ended(StreamOutcome outcome) {
		this.outcome.complete(outcome);
	}

	@Override
	public String toString() {
		return "RecordedInvocation[" + this.path + ", outcome=" + outcome() + "]";
	}

}
